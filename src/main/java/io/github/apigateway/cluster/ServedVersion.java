package io.github.apigateway.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/** Which config version one member serves, as it last told the cluster. Immutable once read. */
public final class ServedVersion implements IdentifiedDataSerializable {

    private String epoch;
    private long number;

    /** For Hazelcast's deserialization. */
    ServedVersion() {
    }

    ServedVersion(ConfigVersion version) {
        this.epoch = version.epoch();
        this.number = version.number();
    }

    public ConfigVersion version() {
        return new ConfigVersion(epoch, number);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.SERVED_VERSION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(epoch);
        out.writeLong(number);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        epoch = in.readString();
        number = in.readLong();
    }
}
