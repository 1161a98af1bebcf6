package io.github.apigateway.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Puts a node's config back as the cluster's active one when the cluster has none (every member that held
 * the entry left at once); an entry that is there wins. An entry processor, because Hazelcast's map has
 * no asynchronous put-if-absent.
 */
final class RestoreConfig implements EntryProcessor<String, StoredConfig, Void>, IdentifiedDataSerializable {

    private StoredConfig config;

    /** For Hazelcast's deserialization. */
    RestoreConfig() {
    }

    RestoreConfig(StoredConfig config) {
        this.config = config;
    }

    @Override
    public Void process(Map.Entry<String, StoredConfig> entry) {
        if (entry.getValue() == null) {
            entry.setValue(config);
        }
        return null;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.RESTORE_CONFIG;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        config.writeData(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        config = new StoredConfig();
        config.readData(in);
    }
}
