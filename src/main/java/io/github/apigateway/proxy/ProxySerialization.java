package io.github.apigateway.proxy;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates the proxy's Hazelcast messages by id: no reflection, no class names on the wire. */
public final class ProxySerialization implements DataSerializableFactory {

    public static final int FACTORY_ID = 1_721;
    static final int INSTANCE_EJECTED = 1;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        if (classId == INSTANCE_EJECTED) {
            return new InstanceEjected();
        }
        throw new IllegalArgumentException("unknown proxy message " + classId);
    }
}
