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
 * A change to one bucket, run by Hazelcast on the member that owns its key, atomically and with that
 * member's clock. The bucket is stored as {@code double[]{tokens, updatedAtMillis}} ({@link StoredBucket})
 * and lives until it would be full again (its TTL), so idle clients cost no memory. Backups get the
 * owner's result ({@link ReplicateBucket}), not a second run with the backup member's clock.
 *
 * @param <R> what the owner answers
 */
abstract class BucketUpdate<R> implements EntryProcessor<String, double[], R>, IdentifiedDataSerializable {

    /**
     * Hazelcast keeps an entry's update time and TTL in whole seconds, so an entry can expire up to a
     * second before its TTL: forgotten early, a bucket would count as full and let through tokens it
     * does not have. One second more keeps it at least until it really is full.
     */
    static final long TTL_ROUNDING_MILLIS = 1_000;

    long capacity;
    double refillPerMilli;
    /** Tokens wanted or given back. */
    int tokens;
    private transient double[] written;
    private transient long ttlMillis;

    BucketUpdate() {
    }

    BucketUpdate(long capacity, double refillPerMilli, int tokens) {
        this.capacity = capacity;
        this.refillPerMilli = refillPerMilli;
        this.tokens = tokens;
    }

    /** Writes the bucket {@code state} with its TTL and returns the answer for the caller. */
    final R store(Map.Entry<String, double[]> entry, BucketState state, R answer) {
        written = StoredBucket.write(state);
        ttlMillis = TokenBucket.millisToFull(state.tokens(), capacity, refillPerMilli) + TTL_ROUNDING_MILLIS;
        ((ExtendedMapEntry<String, double[]>) entry).setValue(written, ttlMillis, TimeUnit.MILLISECONDS);
        return answer;
    }

    @Override
    public final EntryProcessor<String, double[], R> getBackupProcessor() {
        return new ReplicateBucket<>(written, ttlMillis);
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(capacity);
        out.writeDouble(refillPerMilli);
        out.writeInt(tokens);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        capacity = in.readLong();
        refillPerMilli = in.readDouble();
        tokens = in.readInt();
    }

    @Override
    public final int getFactoryId() {
        return RateLimitSerialization.FACTORY_ID;
    }
}
