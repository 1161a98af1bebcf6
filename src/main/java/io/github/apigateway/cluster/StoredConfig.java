package io.github.apigateway.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.time.Instant;

/**
 * The cluster's active config as it is stored: the JSON document as written (every node validates it
 * itself), its version, and who set it when. Written field by field, so that nodes of adjacent versions
 * read each other's entries. Immutable once read.
 */
public final class StoredConfig implements IdentifiedDataSerializable {

    private String epoch;
    private long number;
    private String json;
    private String changedBy;
    private long changedAtMillis;

    /** For Hazelcast's deserialization. */
    StoredConfig() {
    }

    public StoredConfig(ConfigVersion version, String json, String changedBy, Instant changedAt) {
        this.epoch = version.epoch();
        this.number = version.number();
        this.json = json;
        this.changedBy = changedBy;
        this.changedAtMillis = changedAt.toEpochMilli();
    }

    public ConfigVersion version() {
        return new ConfigVersion(epoch, number);
    }

    public String json() {
        return json;
    }

    /** Who set this version: an admin's user name, or the file a node started the cluster from. */
    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return Instant.ofEpochMilli(changedAtMillis);
    }

    /**
     * Whether a node serving {@code served} should take this one: a newer version, another run's, or,
     * after two halves of a split cluster both changed the config and merged, the version the merge kept.
     */
    public boolean supersedes(StoredConfig served) {
        ConfigVersion version = version();
        return version.supersedes(served.version())
                || version.equals(served.version()) && changedAtMillis != served.changedAtMillis;
    }

    StoredConfig successor(String newJson, String by, Instant at) {
        return new StoredConfig(new ConfigVersion(epoch, number + 1), newJson, by, at);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.STORED_CONFIG;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(epoch);
        out.writeLong(number);
        out.writeString(json);
        out.writeString(changedBy);
        out.writeLong(changedAtMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        epoch = in.readString();
        number = in.readLong();
        json = in.readString();
        changedBy = in.readString();
        changedAtMillis = in.readLong();
    }
}
