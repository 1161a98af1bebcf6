package io.github.apigateway.auth;

import java.io.Serializable;

/**
 * A login the gateway started and Keycloak has not yet answered: what the callback must check ({@code state},
 * {@code nonce}) and prove (the PKCE verifier), and where the browser was going.
 */
record PendingLogin(String state, String nonce, String codeVerifier, String returnTo) implements Serializable {

    static final String ATTRIBUTE = PendingLogin.class.getName();
}
