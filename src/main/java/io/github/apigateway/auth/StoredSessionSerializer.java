package io.github.apigateway.auth;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.time.Instant;

/**
 * A {@link StoredSession} in Hazelcast's Compact format: named fields under a type name of its own, not a
 * Java class, so two adjacent gateway versions share one cluster (a field a later version adds is
 * {@code NOT_AVAILABLE} to an earlier reader, which ignores it). {@code kind} tells the login state:
 * {@code pending} fills the login-start fields, {@code login} the token fields; the others are null.
 */
final class StoredSessionSerializer implements CompactSerializer<StoredSession> {

    static final String TYPE_NAME = "gateway.BrowserSession";
    private static final String PENDING = "pending";
    private static final String LOGIN = "login";

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<StoredSession> getCompactClass() {
        return StoredSession.class;
    }

    @Override
    public void write(CompactWriter out, StoredSession session) {
        PendingLogin pending = session.state() instanceof PendingLogin p ? p : null;
        BrowserSession login = session.login();
        out.writeString("kind", pending != null ? PENDING : LOGIN);
        out.writeInt64("created_at", session.createdAtMillis());
        out.writeString("state", pending == null ? null : pending.state());
        out.writeString("nonce", pending == null ? null : pending.nonce());
        out.writeString("code_verifier", pending == null ? null : pending.codeVerifier());
        out.writeString("redirect_uri", pending == null ? null : pending.redirectUri());
        out.writeString("return_to", pending == null ? null : pending.returnTo());
        out.writeString("access_token", login == null ? null : login.accessToken());
        out.writeString("refresh_token", login == null ? null : login.refreshToken());
        out.writeString("id_token", login == null ? null : login.idToken());
        out.writeInt64("access_token_expires_at", login == null ? 0 : login.accessTokenExpiresAt().toEpochMilli());
        out.writeString("refresh_claim", session.refreshClaim());
        out.writeInt64("refresh_claimed_until", session.refreshClaimedUntilMillis());
    }

    @Override
    public StoredSession read(CompactReader in) {
        LoginState state = PENDING.equals(in.readString("kind"))
                ? new PendingLogin(in.readString("state"), in.readString("nonce"), in.readString("code_verifier"),
                        in.readString("redirect_uri"), in.readString("return_to"))
                : new BrowserSession(in.readString("access_token"), in.readString("refresh_token"), in.readString("id_token"),
                        Instant.ofEpochMilli(in.readInt64("access_token_expires_at")));
        return new StoredSession(state, in.readInt64("created_at"), in.readString("refresh_claim"),
                in.readInt64("refresh_claimed_until"));
    }
}
