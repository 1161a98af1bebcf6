package io.github.apigateway.ratelimit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Puts leased tokens a node did not spend back into their bucket, on the key's owner. */
final class ReturnTokens implements EntryProcessor<String, double[], long[]>, IdentifiedDataSerializable {

    private long capacity;
    private double refillPerMilli;
    private int count;
    private transient double[] written;
    private transient long ttlMillis;

    ReturnTokens() {
    }

    ReturnTokens(long capacity, double refillPerMilli, int count) {
        this.capacity = capacity;
        this.refillPerMilli = refillPerMilli;
        this.count = count;
    }

    @Override
    public long[] process(Map.Entry<String, double[]> entry) {
        BucketState state = TokenBucket.giveBack(StoredBucket.read(entry.getValue()), capacity, refillPerMilli,
                System.currentTimeMillis(), count);
        written = StoredBucket.write(state);
        ttlMillis = TokenBucket.millisToFull(state.tokens(), capacity, refillPerMilli);
        ((ExtendedMapEntry<String, double[]>) entry).setValue(written, ttlMillis, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public EntryProcessor<String, double[], long[]> getBackupProcessor() {
        return new ReplicateBucket(written, ttlMillis);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(capacity);
        out.writeDouble(refillPerMilli);
        out.writeInt(count);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        capacity = in.readLong();
        refillPerMilli = in.readDouble();
        count = in.readInt();
    }

    @Override
    public int getFactoryId() {
        return RateLimitSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.RETURN_TOKENS;
    }
}
