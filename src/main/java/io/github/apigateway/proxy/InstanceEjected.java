package io.github.apigateway.proxy;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The cluster message that one node ejected an instance: the service's name and the instance's URL identify
 * it on every node (nodes whose configs differ ignore instances they do not have), and the ejection travels
 * as a length, since the nodes' {@link System#nanoTime} clocks have nothing in common.
 */
final class InstanceEjected implements IdentifiedDataSerializable {

    private String service;
    private String instance;
    private long ejectionMillis;

    /** For Hazelcast's deserialization. */
    InstanceEjected() {
    }

    InstanceEjected(String service, URI instance, Duration ejection) {
        this.service = service;
        this.instance = instance.toString();
        this.ejectionMillis = ejection.toMillis();
    }

    String service() {
        return service;
    }

    URI instance() {
        return URI.create(instance);
    }

    Duration ejection() {
        return Duration.ofMillis(ejectionMillis);
    }

    @Override
    public int getFactoryId() {
        return ProxySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProxySerialization.INSTANCE_EJECTED;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(service);
        out.writeString(instance);
        out.writeLong(ejectionMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        service = in.readString();
        instance = in.readString();
        ejectionMillis = in.readLong();
    }
}
