package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code auth.browser}: how browsers reach the gateway, and how long their sessions last.
 *
 * @param publicUrl                 the gateway's address as browsers use it ({@code https://gateway.example.com}),
 *                                  when the request's own scheme and host do not tell it (behind a load
 *                                  balancer); null to use them
 * @param sessionIdleTimeoutSeconds a session unused for this long ends; null for the default
 * @param sessionMaxAgeSeconds      a session ends this long after its login, used or not; null for the default
 */
public record BrowserConfig(@JsonbProperty("public_url") String publicUrl,
                            @JsonbProperty("session_idle_timeout_seconds") Long sessionIdleTimeoutSeconds,
                            @JsonbProperty("session_max_age_seconds") Long sessionMaxAgeSeconds) {
}
