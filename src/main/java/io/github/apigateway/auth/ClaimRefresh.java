package io.github.apigateway.auth;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.Map;

/**
 * Claims the refresh of a session's tokens for one node, atomically on the member that owns the session:
 * the claim is taken when the session still holds {@code refreshToken} and no other claim is running, and
 * lapses after {@code claimMillis} on the owner's clock (a node that died while refreshing holds it no
 * longer). Returns the session as it is afterwards, null when there is none: the caller reads from it
 * whether it holds the claim, another node does, or the tokens were refreshed already. Immutable.
 */
final class ClaimRefresh implements EntryProcessor<String, StoredSession, StoredSession> {

    private final String refreshToken;
    private final String claim;
    private final long claimMillis;

    ClaimRefresh(String refreshToken, String claim, long claimMillis) {
        this.refreshToken = refreshToken;
        this.claim = claim;
        this.claimMillis = claimMillis;
    }

    @Override
    public StoredSession process(Map.Entry<String, StoredSession> entry) {
        StoredSession session = entry.getValue();
        long now = System.currentTimeMillis();
        if (session == null || !session.refreshesWith(refreshToken) || session.refreshClaimedAt(now)) {
            return session;
        }
        StoredSession claimed = session.claimedBy(claim, now + claimMillis);
        ((ExtendedMapEntry<String, StoredSession>) entry).setValueWithoutChangingExpiryTime(claimed);
        return claimed;
    }

    /** The processor's Compact form. */
    static final class Serializer implements CompactSerializer<ClaimRefresh> {

        @Override
        public String getTypeName() {
            return "gateway.ClaimRefresh";
        }

        @Override
        public Class<ClaimRefresh> getCompactClass() {
            return ClaimRefresh.class;
        }

        @Override
        public void write(CompactWriter out, ClaimRefresh processor) {
            out.writeString("refresh_token", processor.refreshToken);
            out.writeString("claim", processor.claim);
            out.writeInt64("claim_millis", processor.claimMillis);
        }

        @Override
        public ClaimRefresh read(CompactReader in) {
            return new ClaimRefresh(in.readString("refresh_token"), in.readString("claim"), in.readInt64("claim_millis"));
        }
    }
}
