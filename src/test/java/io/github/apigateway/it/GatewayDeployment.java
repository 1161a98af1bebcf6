package io.github.apigateway.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The WAR that {@code mvn package} built, deployed as operators deploy it, with a test's own config. */
public final class GatewayDeployment {

    private GatewayDeployment() {
    }

    public static WebArchive withConfig(String gatewayJson) {
        return withConfig("gateway.war", gatewayJson);
    }

    /** @param archiveName distinct per deployment when a test class deploys more than one */
    public static WebArchive withConfig(String archiveName, String gatewayJson) {
        File war = new File(System.getProperty("gateway.war", "target/gateway.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: integration tests run after 'mvn package' (use 'mvn verify')");
        }
        WebArchive archive = ShrinkWrap.create(WebArchive.class, archiveName)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
        archive.delete("/WEB-INF/gateway.json");
        archive.addAsWebInfResource(new StringAsset(gatewayJson), "gateway.json");
        return archive;
    }

    /**
     * Fixes the context path to the archive's name, as Tomcat does by itself; the Jetty adapter would
     * otherwise derive it from a temporary file's name, unknown to a test that deploys on its own
     * (see {@link GatewayUrls}). Jetty reads it from the WAR's Jetty descriptor, which Tomcat ignores.
     */
    public static WebArchive atContextPathOfItsName(WebArchive archive) {
        String jettyDescriptor = "/WEB-INF/jetty-ee10-web.xml";
        String contextPath = "/" + archive.getName().replaceFirst("\\.war$", "");
        String descriptor;
        try (java.io.InputStream in = archive.get(jettyDescriptor).getAsset().openStream()) {
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        archive.delete(jettyDescriptor);
        archive.add(new StringAsset(descriptor.replace("</Configure>",
                "  <Set name=\"contextPath\">" + contextPath + "</Set>\n</Configure>")), jettyDescriptor);
        return archive;
    }

    /** A config with one service at {@code upstreamUrl} and the given routes (a JSON array body). */
    public static String config(String upstreamUrl, String routesJson) {
        return config(upstreamUrl, 30_000, routesJson);
    }

    public static String config(String upstreamUrl, long responseTimeoutMs, String routesJson) {
        return """
                {"services": {"upstream": {"instances": ["%s"], "connect_timeout_ms": 2000, "response_timeout_ms": %d}},
                 "routes": [%s]}""".formatted(upstreamUrl, responseTimeoutMs, routesJson);
    }
}
