package io.github.apigateway.ratelimit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes on a backup replica exactly the bucket the owner computed in a {@link BucketUpdate}. */
final class ReplicateBucket<R> implements EntryProcessor<String, double[], R>, IdentifiedDataSerializable {

    private double[] bucket;
    private long ttlMillis;

    ReplicateBucket() {
    }

    ReplicateBucket(double[] bucket, long ttlMillis) {
        this.bucket = bucket;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public R process(Map.Entry<String, double[]> entry) {
        ((ExtendedMapEntry<String, double[]>) entry).setValue(bucket, ttlMillis, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeDoubleArray(bucket);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        bucket = in.readDoubleArray();
        ttlMillis = in.readLong();
    }

    @Override
    public int getFactoryId() {
        return RateLimitSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.REPLICATE_BUCKET;
    }
}
