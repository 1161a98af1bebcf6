package io.github.apigateway.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The gateway's admin page in a real browser, with the Keycloak login in front of it. */
final class AdminPage {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver browser;
    private final WebDriverWait wait;
    private final URL gateway;

    AdminPage(WebDriver browser, URL gateway) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, WAIT);
        this.gateway = gateway;
    }

    /** Opens the page, which sends a browser without a login to Keycloak's login form. */
    void openAndLogInAs(KeycloakServer keycloak, String user) {
        browser.get(gateway + "_gateway/ui/");
        wait.until(ExpectedConditions.urlContains(keycloak.issuer() + "/protocol/openid-connect/auth"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-password");
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(gateway + "_gateway/ui/"));
    }

    /** The active config's version, once the page has read it. */
    String version() {
        wait.until(ExpectedConditions.textMatches(By.id("version"), Pattern.compile("\\d+")));
        return browser.findElement(By.id("version")).getText();
    }

    List<String> routeIds() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#routes tbody tr")));
        return browser.findElements(By.cssSelector("#routes tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-id")).toList();
    }

    /** Replaces the editor's document, as pasting it would. */
    void edit(String json) {
        WebElement editor = browser.findElement(By.id("editor"));
        wait.until(loaded -> !editor.getDomProperty("value").isEmpty());
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", editor, json);
    }

    String editorText() {
        return browser.findElement(By.id("editor")).getDomProperty("value");
    }

    /** Clicks Apply and returns what the page says of the outcome. */
    String apply(String expectedOutcome) {
        browser.findElement(By.id("apply")).click();
        return outcome(expectedOutcome);
    }

    void validate() {
        browser.findElement(By.id("validate")).click();
    }

    String outcome(String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), expected));
        return browser.findElement(By.id("outcome")).getText();
    }

    /** The problem shown beside the editor for the field at {@code path}. */
    WebElement noteFor(String path) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".note-at-line[data-path='" + path + "']")));
    }

    /** Calls the admin API from the page's origin with the browser's login, as a script of the page could. */
    long statusOfFetch(String method, String path, String body, String... headers) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {};
                for (let i = 0; i < arguments[3].length; i += 2) headers[arguments[3][i]] = arguments[3][i + 1];
                fetch(arguments[1], {method: arguments[0], body: arguments[2], headers, credentials: 'same-origin'})
                    .then(response => done(response.status), failure => done(-1));
                """, method, gateway + path, body, List.of(headers));
        return (Long) status;
    }

    boolean showsForbidden() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden"))).isDisplayed();
    }
}
