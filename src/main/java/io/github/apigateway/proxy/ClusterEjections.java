package io.github.apigateway.proxy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Announces this node's ejections to the whole cluster, and applies the other nodes' here, so that an
 * instance one node found broken gets no more requests from any (Kong and Envoy keep outlier state per
 * node, and every node has to learn the same lesson on its own). A Hazelcast topic carries
 * {@link InstanceEjected}: delivery takes milliseconds, far within the contract's second.
 *
 * <p>An applied announcement is not announced again (no echo round the cluster); it respects this node's
 * {@code max_ejection_percent}; an instance this node does not know is ignored. A member's own messages
 * come back to it and are skipped.
 *
 * <p>Threads: an ejection is heard on the HTTP client's I/O thread. Hazelcast's classic topic publish
 * does not wait for the other members (it serializes the message and queues it on the event service,
 * fire and forget), but its local event queue may make a publisher wait briefly when full, so the publish
 * is handed to the gateway's resilience timer all the same. Announcements arrive on a Hazelcast event
 * thread, and applying one is a short lock in the service's {@link OutlierDetector}.
 */
public final class ClusterEjections implements EjectionListener, MessageListener<InstanceEjected> {

    static final String TOPIC = "gateway-ejections";
    private static final System.Logger LOG = System.getLogger(ClusterEjections.class.getName());

    private final ITopic<InstanceEjected> topic;
    private final Executor publisher;
    private volatile Upstreams upstreams;

    private ClusterEjections(ITopic<InstanceEjected> topic, Executor publisher) {
        this.topic = topic;
        this.publisher = publisher;
    }

    /** @param publisher where announcements are published from, never a request's thread */
    public static ClusterEjections on(HazelcastInstance hazelcast, Executor publisher) {
        return new ClusterEjections(hazelcast.getTopic(TOPIC), publisher);
    }

    /**
     * Starts applying the other nodes' announcements to these services, within moments. The listener is
     * registered from the publisher's thread, not the caller's: registering runs a cluster operation whose
     * serialization buffers stay with the calling thread, and on a container's deploy thread they kept the
     * web application's class loader after an undeploy. The registration ends with the cluster member.
     */
    public void applyTo(Upstreams services) {
        this.upstreams = services;
        publisher.execute(() -> topic.addMessageListener(this));
    }

    @Override
    public void ejected(String service, URI instance, Duration duration) {
        InstanceEjected message = new InstanceEjected(service, instance, duration);
        try {
            publisher.execute(() -> topic.publish(message));
        } catch (RejectedExecutionException stopping) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Ejection of " + instance + " not announced: the gateway is stopping");
        }
    }

    @Override
    public void onMessage(Message<InstanceEjected> message) {
        Upstreams services = upstreams;
        if (services == null || message.getPublishingMember() == null || message.getPublishingMember().localMember()) {
            return;
        }
        InstanceEjected ejected = message.getMessageObject();
        if (services.applyAnnouncedEjection(ejected.service(), ejected.instance(), ejected.ejection())) {
            LOG.log(System.Logger.Level.WARNING, "Service " + ejected.service() + ": instance " + ejected.instance()
                    + " ejected for " + ejected.ejection().toMillis() + " ms, as announced by "
                    + message.getPublishingMember().getAddress());
        }
    }
}
