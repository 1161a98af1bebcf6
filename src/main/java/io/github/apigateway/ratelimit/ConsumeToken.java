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
 * Takes one token from a bucket, on the member that owns its key. The bucket is stored as
 * {@code double[]{tokens, updatedAtMillis}} and the answer travels as {@code long[]}: both are
 * Hazelcast's built-in array types, a few bytes on the wire and in memory, with no per-class schema.
 * A bucket expires (TTL) once it would be full again anyway, so idle clients cost no memory.
 */
final class ConsumeToken implements EntryProcessor<String, double[], long[]>, IdentifiedDataSerializable {

    private long capacity;
    private double refillPerMilli;
    private transient double[] written;
    private transient long ttlMillis;

    ConsumeToken() {
    }

    ConsumeToken(long capacity, double refillPerMilli) {
        this.capacity = capacity;
        this.refillPerMilli = refillPerMilli;
    }

    @Override
    public long[] process(Map.Entry<String, double[]> entry) {
        double[] stored = entry.getValue();
        BucketState previous = stored == null ? null : new BucketState(stored[0], (long) stored[1]);
        TokenBucket.Outcome outcome = TokenBucket.tryConsume(previous, capacity, refillPerMilli, System.currentTimeMillis());
        written = new double[]{outcome.state().tokens(), outcome.state().updatedAtMillis()};
        ttlMillis = TokenBucket.millisToFull(capacity, refillPerMilli) + 1_000;
        ((ExtendedMapEntry<String, double[]>) entry).setValue(written, ttlMillis, TimeUnit.MILLISECONDS);
        RateLimitDecision decision = outcome.decision();
        return new long[]{decision.allowed() ? 1 : 0, decision.limit(), decision.remaining(),
                decision.resetSeconds(), decision.retryAfterSeconds()};
    }

    /** Backups get the owner's result, not a second run with the backup member's clock. */
    @Override
    public EntryProcessor<String, double[], long[]> getBackupProcessor() {
        return new ReplicateBucket(written, ttlMillis);
    }

    static RateLimitDecision decision(long[] wire) {
        return new RateLimitDecision(wire[0] == 1, wire[1], wire[2], wire[3], wire[4]);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(capacity);
        out.writeDouble(refillPerMilli);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        capacity = in.readLong();
        refillPerMilli = in.readDouble();
    }

    @Override
    public int getFactoryId() {
        return RateLimitSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.CONSUME_TOKEN;
    }
}
