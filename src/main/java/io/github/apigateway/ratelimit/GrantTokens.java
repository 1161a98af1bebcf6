package io.github.apigateway.ratelimit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Takes up to {@code wanted} tokens from a bucket, on the member that owns its key, atomically and with
 * that member's clock. The bucket is stored as {@code double[]{tokens, updatedAtMillis}} and the answer
 * travels as {@code long[]}: Hazelcast's built-in array types, a few bytes on the wire and in memory.
 * The entry lives until the bucket would be full again (its TTL), so idle clients cost no memory.
 */
final class GrantTokens implements EntryProcessor<String, double[], long[]>, IdentifiedDataSerializable {

    private long capacity;
    private double refillPerMilli;
    private int wanted;
    private transient double[] written;
    private transient long ttlMillis;

    GrantTokens() {
    }

    GrantTokens(long capacity, double refillPerMilli, int wanted) {
        this.capacity = capacity;
        this.refillPerMilli = refillPerMilli;
        this.wanted = wanted;
    }

    @Override
    public long[] process(Map.Entry<String, double[]> entry) {
        TokenBucket.Granted granted = TokenBucket.grant(StoredBucket.read(entry.getValue()), capacity, refillPerMilli,
                System.currentTimeMillis(), wanted);
        written = StoredBucket.write(granted.state());
        ttlMillis = TokenBucket.millisToFull(granted.state().tokens(), capacity, refillPerMilli);
        ((ExtendedMapEntry<String, double[]>) entry).setValue(written, ttlMillis, TimeUnit.MILLISECONDS);
        Grant grant = granted.grant();
        return new long[]{grant.granted(), grant.remaining(), grant.resetSeconds(), grant.millisToNextToken()};
    }

    /** Backups get the owner's result, not a second run with the backup member's clock. */
    @Override
    public EntryProcessor<String, double[], long[]> getBackupProcessor() {
        return new ReplicateBucket(written, ttlMillis);
    }

    static Grant grant(long[] wire) {
        return new Grant((int) wire[0], wire[1], wire[2], wire[3]);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(capacity);
        out.writeDouble(refillPerMilli);
        out.writeInt(wanted);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        capacity = in.readLong();
        refillPerMilli = in.readDouble();
        wanted = in.readInt();
    }

    @Override
    public int getFactoryId() {
        return RateLimitSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.GRANT_TOKENS;
    }
}
