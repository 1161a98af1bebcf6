package io.github.apigateway.lifecycle;

import io.github.apigateway.cluster.ClusterConfigStore;
import io.github.apigateway.cluster.MemberVersion;
import io.github.apigateway.cluster.StoredConfig;
import io.github.apigateway.config.ConfigException;
import io.github.apigateway.config.ConfigLoader;
import io.github.apigateway.config.ConfigProblem;
import io.github.apigateway.config.ConfigSource;
import io.github.apigateway.config.ValidatedConfig;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the admin API does with configs: checks a document as a node checks its file, and makes a checked
 * one the cluster's active config by compare-and-set on the version the admin read. This node serves the
 * new version before the answer goes out; the others take it from the cluster's change event within
 * moments, or from their periodic check. Each change is logged with who made it.
 */
public final class ConfigAdmin {

    private static final System.Logger LOG = System.getLogger(ConfigAdmin.class.getName());
    private static final System.Logger AUDIT = System.getLogger("gateway.admin");

    /** The outcome of a change. */
    public sealed interface Change {
        /** The document is now the cluster's active config, served here. */
        record Applied(ActiveConfig active) implements Change {
        }

        /** The active version moved on since the admin read it; nothing changed. */
        record Stale() implements Change {
        }

        /** The document does not validate; nothing changed. */
        record Invalid(List<ConfigProblem> problems) implements Change {
        }
    }

    /** The cluster answers in milliseconds; a member that hangs must not hold an admin's request for long. */
    static final Duration CLUSTER_DEADLINE = Duration.ofSeconds(5);

    private final ActiveConfigs configs;
    private final ClusterConfigStore store;
    private final ScheduledExecutorService configurer;

    /** @param configurer where a new version is built and deadlines run out: never a request's thread nor a Hazelcast one */
    ConfigAdmin(ActiveConfigs configs, ClusterConfigStore store, ScheduledExecutorService configurer) {
        this.configs = configs;
        this.store = store;
        this.configurer = configurer;
    }

    /** The problems a change to this document would be refused for; empty when it would be taken. */
    public List<ConfigProblem> problems(byte[] json) {
        try {
            checked(json);
            return List.of();
        } catch (ConfigException invalid) {
            return invalid.problems();
        }
    }

    /**
     * @param expectedNumber the version the admin's change is based on ({@code If-Match})
     * @param who            the admin, for the log and the stored record
     */
    public CompletionStage<Change> change(long expectedNumber, byte[] json, String who) {
        ValidatedConfig validated;
        try {
            validated = checked(json);
        } catch (ConfigException invalid) {
            return CompletableFuture.completedFuture(new Change.Invalid(invalid.problems()));
        }
        String text = new String(json, StandardCharsets.UTF_8);
        return withinDeadline(store.replaceIfVersion(expectedNumber, text, who)).thenApplyAsync(stored -> {
            if (stored == null) {
                return new Change.Stale();
            }
            AUDIT.log(System.Logger.Level.INFO, "Config version " + stored.version() + " set by " + who
                    + ", replacing version " + expectedNumber);
            return new Change.Applied(configs.serve(stored, validated));
        }, configurer);
    }

    /** The config this node serves now. */
    public ActiveConfig active() {
        return configs.current();
    }

    /** Each cluster member with the config version it serves. */
    public CompletionStage<List<MemberVersion>> members() {
        return withinDeadline(store.servedByMembers());
    }

    /**
     * The stage, or a {@link TimeoutException} at the deadline. A change that times out may still be
     * applied by the cluster later; the admin reads the config again to know.
     */
    private <T> CompletionStage<T> withinDeadline(CompletionStage<T> stage) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        ScheduledFuture<?> deadline = configurer.schedule(() -> bounded.completeExceptionally(
                new TimeoutException("no answer from the cluster within " + CLUSTER_DEADLINE.toMillis() + " ms")),
                CLUSTER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        stage.whenComplete((done, failure) -> {
            deadline.cancel(false);
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(done);
            }
        });
        return bounded;
    }

    private ValidatedConfig checked(byte[] json) {
        ValidatedConfig validated = ConfigLoader.load(new ConfigSource("admin API", () -> new ByteArrayInputStream(json)));
        List<ConfigProblem> startOnly = new ArrayList<>();
        for (String field : ActiveConfigs.startOnlyChanges(configs.current().config(), validated)) {
            startOnly.add(new ConfigProblem(field, "is read when a node starts; change it in the nodes' files and restart them"));
        }
        if (!startOnly.isEmpty()) {
            throw new ConfigException("admin API", startOnly);
        }
        return validated;
    }

    /** Serves a version another node stored, once validated here. */
    void adopt(StoredConfig stored) {
        try {
            configurer.execute(() -> configs.adopt(stored));
        } catch (RejectedExecutionException stopping) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Config version " + stored.version() + " not served: the gateway is stopping");
        }
    }
}
