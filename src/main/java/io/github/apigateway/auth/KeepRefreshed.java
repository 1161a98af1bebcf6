package io.github.apigateway.auth;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.time.Instant;
import java.util.Map;

/**
 * Keeps a refreshed login in its session, atomically on the member that owns it, only while the session
 * still holds the refresh token the refresh redeemed: a session that was logged out meanwhile stays
 * gone (a plain write would bring it back). The session's start and expiry stay as they were, and the
 * refresh claim is released. Returns whether the login was kept. Immutable.
 */
final class KeepRefreshed implements EntryProcessor<String, StoredSession, Boolean> {

    private final String refreshedFrom;
    private final BrowserSession refreshed;

    KeepRefreshed(String refreshedFrom, BrowserSession refreshed) {
        this.refreshedFrom = refreshedFrom;
        this.refreshed = refreshed;
    }

    @Override
    public Boolean process(Map.Entry<String, StoredSession> entry) {
        StoredSession session = entry.getValue();
        if (session == null || !session.refreshesWith(refreshedFrom)) {
            return false;
        }
        ((ExtendedMapEntry<String, StoredSession>) entry).setValueWithoutChangingExpiryTime(session.refreshedTo(refreshed));
        return true;
    }

    /** The processor's Compact form. */
    static final class Serializer implements CompactSerializer<KeepRefreshed> {

        @Override
        public String getTypeName() {
            return "gateway.KeepRefreshed";
        }

        @Override
        public Class<KeepRefreshed> getCompactClass() {
            return KeepRefreshed.class;
        }

        @Override
        public void write(CompactWriter out, KeepRefreshed processor) {
            out.writeString("refreshed_from", processor.refreshedFrom);
            out.writeString("access_token", processor.refreshed.accessToken());
            out.writeString("refresh_token", processor.refreshed.refreshToken());
            out.writeString("id_token", processor.refreshed.idToken());
            out.writeInt64("access_token_expires_at", processor.refreshed.accessTokenExpiresAt().toEpochMilli());
        }

        @Override
        public KeepRefreshed read(CompactReader in) {
            return new KeepRefreshed(in.readString("refreshed_from"), new BrowserSession(in.readString("access_token"),
                    in.readString("refresh_token"), in.readString("id_token"),
                    Instant.ofEpochMilli(in.readInt64("access_token_expires_at"))));
        }
    }
}
