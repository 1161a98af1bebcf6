package io.github.apigateway.auth;

import com.nimbusds.openid.connect.sdk.token.OIDCTokens;

/**
 * A login whose code Keycloak redeemed, with tokens that checked out, not yet kept for the browser. Opaque
 * outside this package: the web layer only carries it from {@link BrowserLogin#redeemLogin} to
 * {@link BrowserLogin#finishLogin}.
 */
public final class IssuedLogin {

    private final OIDCTokens tokens;
    private final PendingLogin pending;

    IssuedLogin(OIDCTokens tokens, PendingLogin pending) {
        this.tokens = tokens;
        this.pending = pending;
    }

    OIDCTokens tokens() {
        return tokens;
    }

    PendingLogin pending() {
        return pending;
    }
}
