package io.github.apigateway.auth;

import java.util.List;

/**
 * What a request presents to be authenticated, read from it by the web layer: the values of its
 * {@code Authorization} headers, the value of the API key header, and its browser's login state.
 *
 * @param authorization every {@code Authorization} value in the order received (more than one is refused)
 * @param apiKey        the API key header's value, null when absent or when no keys are configured
 * @param login         the login state of the browser's session, as loaded for this request; null without one
 */
public record Credentials(List<String> authorization, String apiKey, LoginState login) {

    public Credentials {
        authorization = List.copyOf(authorization);
    }
}
