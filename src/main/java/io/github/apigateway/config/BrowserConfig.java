package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code auth.browser}: how browsers reach the gateway.
 *
 * @param publicUrl the gateway's address as browsers use it ({@code https://gateway.example.com}), when the
 *                  request's own scheme and host do not tell it (behind a load balancer); null to use them
 */
public record BrowserConfig(@JsonbProperty("public_url") String publicUrl) {
}
