package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin page in a real browser (headless Chromium): the Keycloak login in front of it, the active
 * routes, a change applied and served, a validation problem shown beside its field, and who is kept out.
 * Every test starts from the same document, put back first through the admin API.
 */
class AdminUiIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private static String config(String extraRoutes) {
        return """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [%s
                   {"id": "public", "path": "/public/*", "service": "upstream", "auth": "none"}],
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                "credentials": {"secret": "gateway-secret"}, "ssl-required": "none"},
                   "jwt": {"audiences": ["gateway"], "clock_skew_seconds": 30}},
                 "management": {"admin_roles": ["admin"]}}
                """.formatted(UPSTREAM.url(), extraRoutes, KEYCLOAK.url());
    }

    private static final String BASE = config("");
    private static final String WITH_ADDED_ROUTE = config("""
            {"id": "added", "path": "/added/*", "service": "upstream", "auth": "none"},""");
    private static final String WITH_UNKNOWN_SERVICE = config("""
            {
                     "id": "added",
                     "path": "/added/*",
                     "service": "nowhere",
                     "auth": "none"
                   },""");

    private WebDriver browser;
    private AdminPage page;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(BASE);
    }

    @BeforeEach
    void startFromTheBaseConfigInAFreshBrowser() throws Exception {
        UPSTREAM.respondWith(RecordingUpstream::ok);
        if (get("/added/x").statusCode() != 404) {
            new AdminClient(gateway, KEYCLOAK.passwordToken("carol")).replace(BASE);
        }
        browser = HeadlessChromium.start();
        page = new AdminPage(browser, gateway);
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    @Test
    void anAdminLogsInThroughKeycloakAndSeesTheRoutes() {
        page.openAndLogInAs(KEYCLOAK, "carol");

        assertEquals(List.of("public"), page.routeIds());
    }

    @Test
    void anAppliedChangeShowsItsNewVersionAndIsServed() throws Exception {
        page.openAndLogInAs(KEYCLOAK, "carol");
        long before = Long.parseLong(page.version());

        page.edit(WITH_ADDED_ROUTE);
        String outcome = page.apply("Applied");

        assertEquals("Applied: version " + (before + 1) + ".", outcome);
        assertEquals(String.valueOf(before + 1), page.version());
        assertEquals(List.of("added", "public"), page.routeIds());
        assertEquals(200, get("/added/x").statusCode());
        assertEquals("/added/x", UPSTREAM.takeRequest().uri());
    }

    @Test
    void aValidationProblemIsShownBesideTheLineOfItsField() {
        page.openAndLogInAs(KEYCLOAK, "carol");

        page.edit(WITH_UNKNOWN_SERVICE);
        page.validate();

        WebElement note = page.noteFor("routes[0].service");
        assertTrue(note.getText().contains("unknown service 'nowhere'"), note.getText());
        assertEquals(String.valueOf(lineOf("\"service\": \"nowhere\"", page.editorText())), note.getDomAttribute("data-line"));
    }

    @Test
    void aChangeWithTheSessionButWithoutThePagesHeaderIsRefused() {
        page.openAndLogInAs(KEYCLOAK, "carol");
        String version = page.version();

        long status = page.statusOfFetch("PUT", "_gateway/admin/config", WITH_ADDED_ROUTE,
                "Content-Type", "application/json", "If-Match", version);

        assertEquals(403, status);
    }

    @Test
    void aLoginWithoutAnAdminRoleGetsTheForbiddenPage() {
        page.openAndLogInAs(KEYCLOAK, "alice");

        assertTrue(page.showsForbidden());
    }

    @Test
    void thePagesFilesNeedALoginToo() throws Exception {
        HttpResponse<String> script = get("/_gateway/ui/app.js");

        assertEquals(401, script.statusCode());
    }

    /** The line number (from 1) of the first line holding {@code text}. */
    private static int lineOf(String text, String document) {
        List<String> lines = Arrays.asList(document.split("\n", -1));
        return lines.indexOf(lines.stream().filter(line -> line.contains(text)).findFirst().orElseThrow()) + 1;
    }
}
