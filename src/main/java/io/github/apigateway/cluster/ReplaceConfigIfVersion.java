package io.github.apigateway.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Compare-and-set of the cluster's config, run on the member that owns the entry: the new document
 * becomes the next version only when the active one is still the version the admin read. Hazelcast runs
 * entry processors of one key one at a time, so two admins racing get one success and one refusal. The
 * backup runs the same processor on the same value, with the time fixed by the caller, and agrees.
 * Returns the new version, or null when the change was refused (the active version is another).
 */
final class ReplaceConfigIfVersion implements EntryProcessor<String, StoredConfig, StoredConfig>, IdentifiedDataSerializable {

    private long expectedNumber;
    private String json;
    private String changedBy;
    private long changedAtMillis;

    /** For Hazelcast's deserialization. */
    ReplaceConfigIfVersion() {
    }

    ReplaceConfigIfVersion(long expectedNumber, String json, String changedBy, Instant changedAt) {
        this.expectedNumber = expectedNumber;
        this.json = json;
        this.changedBy = changedBy;
        this.changedAtMillis = changedAt.toEpochMilli();
    }

    @Override
    public StoredConfig process(Map.Entry<String, StoredConfig> entry) {
        StoredConfig active = entry.getValue();
        if (active == null || active.version().number() != expectedNumber) {
            return null;
        }
        StoredConfig next = active.successor(json, changedBy, Instant.ofEpochMilli(changedAtMillis));
        entry.setValue(next);
        return next;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.REPLACE_CONFIG_IF_VERSION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(expectedNumber);
        out.writeString(json);
        out.writeString(changedBy);
        out.writeLong(changedAtMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        expectedNumber = in.readLong();
        json = in.readString();
        changedBy = in.readString();
        changedAtMillis = in.readLong();
    }
}
