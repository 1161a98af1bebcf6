package io.github.apigateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the gateway's main code: web -> lifecycle -> domain -> config -> http, without cycles.
 * The domain knows no servlet: a request reaches it as the gateway's own types, so it can be tested, and
 * moved to another server API, without a container.
 */
@AnalyzeClasses(packages = "io.github.apigateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String GATEWAY = "io.github.apigateway..";
    private static final String HTTP = "io.github.apigateway.http..";
    private static final String CONFIG = "io.github.apigateway.config..";
    private static final String[] DOMAIN = {CONFIG, HTTP, "io.github.apigateway.routing..", "io.github.apigateway.auth..",
            "io.github.apigateway.ratelimit..", "io.github.apigateway.proxy..", "io.github.apigateway.cluster..",
            "io.github.apigateway.lifecycle..", "io.github.apigateway.observability..", "io.github.apigateway.aggregate..",
            "io.github.apigateway.transform.."};

    @ArchTest
    static final ArchRule theTopLevelPackagesHaveNoCycles = slices().matching("io.github.apigateway.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainKnowsNeitherServletsNorTheWebLayer = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "io.github.apigateway.web..");

    @ArchTest
    static final ArchRule httpDependsOnNoOtherGatewayPackage = classes().that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(GATEWAY).or(resideInAnyPackage(HTTP)));

    @ArchTest
    static final ArchRule configDependsOnlyOnHttp = classes().that().resideInAPackage(CONFIG)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(GATEWAY).or(resideInAnyPackage(CONFIG, HTTP)));
}
