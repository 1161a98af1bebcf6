package io.github.apigateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The few admin REST calls the tests need, as Keycloak's bootstrap admin. */
final class KeycloakAdmin {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private KeycloakAdmin() {
    }

    /** Adds a generated RSA signing key; with the highest priority it signs the realm's new tokens. */
    static void addRsaKey(KeycloakServer keycloak, String name, int priority) {
        String admin = KeycloakServer.token(keycloak.url().replace("/realms/demo", ""),
                "grant_type=password&client_id=admin-cli&username=admin&password=admin", "master");
        String realmId = KeycloakServer.jsonField(send(keycloak, admin, "GET", "/admin/realms/demo", null), "id");
        send(keycloak, admin, "POST", "/admin/realms/demo/components", """
                {"name": "%s", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
                 "parentId": "%s", "config": {"priority": ["%d"], "keySize": ["2048"], "active": ["true"], "enabled": ["true"]}}
                """.formatted(name, realmId, priority));
    }

    /** How many events of this type the realm recorded for the client (the realm stores its events). */
    static int events(KeycloakServer keycloak, String clientId, String type) {
        String events = send(keycloak, adminToken(keycloak), "GET",
                "/admin/realms/demo/events?client=" + clientId + "&type=" + type + "&max=10000", null);
        return events.split("\"type\":\"" + type + "\"", -1).length - 1;
    }

    private static String adminToken(KeycloakServer keycloak) {
        return KeycloakServer.token(keycloak.url(), "grant_type=password&client_id=admin-cli&username=admin&password=admin", "master");
    }

    private static String send(KeycloakServer keycloak, String token, String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.url() + path))
                    .header("Authorization", "Bearer " + token)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
