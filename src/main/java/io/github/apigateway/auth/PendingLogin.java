package io.github.apigateway.auth;

/**
 * A login the gateway started and Keycloak has not yet answered: what the callback must check ({@code state},
 * {@code nonce}) and prove (the PKCE verifier), and where the browser was going.
 */
record PendingLogin(String state, String nonce, String codeVerifier, String returnTo) implements LoginState {
}
