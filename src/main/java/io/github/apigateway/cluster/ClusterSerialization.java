package io.github.apigateway.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates the cluster config's Hazelcast objects by id: no reflection, no class names on the wire. */
public final class ClusterSerialization implements DataSerializableFactory {

    public static final int FACTORY_ID = 1_722;
    static final int STORED_CONFIG = 1;
    static final int REPLACE_CONFIG_IF_VERSION = 2;
    static final int SERVED_VERSION = 3;
    static final int RESTORE_CONFIG = 4;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        if (classId == STORED_CONFIG) {
            return new StoredConfig();
        }
        if (classId == REPLACE_CONFIG_IF_VERSION) {
            return new ReplaceConfigIfVersion();
        }
        if (classId == SERVED_VERSION) {
            return new ServedVersion();
        }
        if (classId == RESTORE_CONFIG) {
            return new RestoreConfig();
        }
        throw new IllegalArgumentException("unknown cluster config object " + classId);
    }
}
