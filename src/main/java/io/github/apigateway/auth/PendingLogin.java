package io.github.apigateway.auth;

/**
 * A login the gateway started and Keycloak has not yet answered: what the callback must check ({@code state},
 * {@code nonce}) and prove (the PKCE verifier and the {@code redirect_uri} the login was started with, RFC 6749
 * section 4.1.3), and where the browser was going.
 */
record PendingLogin(String state, String nonce, String codeVerifier, String redirectUri, String returnTo)
        implements LoginState {
}
