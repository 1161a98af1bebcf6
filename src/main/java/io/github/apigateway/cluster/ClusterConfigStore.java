package io.github.apigateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster's active gateway config, one entry of a Hazelcast map that every member reads and any
 * member may change by compare-and-set on its version ({@link ReplaceConfigIfVersion}; Hazelcast's CP
 * subsystem, which would offer an atomic reference, is not in its open-source edition). The map lives
 * in memory only, so a whole-cluster restart starts again from the members' files. When a split cluster
 * heals, the entry changed last wins the merge (the half that stayed up is the one an admin changed). Beside it, each member
 * tells the others which version it serves, in a second map whose entries expire unless refreshed, so a
 * member that died leaves no stale claim behind.
 *
 * <p>Threads: every call here returns at once or returns a stage, except {@link #activeOrStart}, made
 * once at deployment; Hazelcast's maps are thread-safe.
 */
public final class ClusterConfigStore {

    static final String CONFIGS = "gateway-config";
    static final String SERVED = "gateway-config-served";
    private static final String ACTIVE = "active";
    /** Three refreshes may be missed before a member's claim expires. */
    public static final Duration SERVED_REFRESH = Duration.ofSeconds(5);
    private static final Duration SERVED_TTL = SERVED_REFRESH.multipliedBy(3);

    private final HazelcastInstance hazelcast;
    private final IMap<String, StoredConfig> configs;
    private final IMap<String, ServedVersion> served;

    private ClusterConfigStore(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.configs = hazelcast.getMap(CONFIGS);
        this.served = hazelcast.getMap(SERVED);
    }

    public static ClusterConfigStore on(HazelcastInstance hazelcast) {
        return new ClusterConfigStore(hazelcast);
    }

    /** The maps as the gateway needs them, for an operator's hazelcast.xml that does not name them. */
    public static List<MapConfig> mapConfigs() {
        MapConfig configs = new MapConfig(CONFIGS).setBackupCount(1).setPerEntryStatsEnabled(true);
        configs.getMergePolicyConfig().setPolicy(LatestUpdateMergePolicy.class.getName());
        return List.of(configs, new MapConfig(SERVED).setBackupCount(0));
    }

    /**
     * The cluster's active config; when the cluster has none (its first member, or a whole-cluster
     * restart), the file's document becomes version 1 of a new epoch. Blocks: call it at deployment only.
     *
     * @param from the file's description, recorded as who set version 1
     */
    public StoredConfig activeOrStart(String fileJson, String from) {
        StoredConfig first = new StoredConfig(new ConfigVersion(UUID.randomUUID().toString(), 1), fileJson, from, Instant.now());
        StoredConfig existing = configs.putIfAbsent(ACTIVE, first);
        return existing == null ? first : existing;
    }

    /** The active config as the cluster holds it now; null only if the cluster lost it. */
    public CompletionStage<StoredConfig> active() {
        return configs.getAsync(ACTIVE);
    }

    /** Puts this node's config back when the cluster lost its entry (the members that held it died at once). */
    public CompletionStage<Void> restore(StoredConfig served) {
        return configs.submitToKey(ACTIVE, new RestoreConfig(served));
    }

    /** @return the new version, or null when {@code expectedNumber} is no longer the active version */
    public CompletionStage<StoredConfig> replaceIfVersion(long expectedNumber, String json, String changedBy) {
        return configs.submitToKey(ACTIVE, new ReplaceConfigIfVersion(expectedNumber, json, changedBy, Instant.now()));
    }

    /** Hears each new active config, on a Hazelcast event thread; the registration ends with the member. */
    public void onChange(Consumer<StoredConfig> listener) {
        configs.addEntryListener(new ActiveChanged(listener), ACTIVE, true);
    }

    /** Tells the cluster which version this member serves (fire and forget; refreshed every {@link #SERVED_REFRESH}). */
    public void announceServed(ConfigVersion version) {
        served.setAsync(localId(), new ServedVersion(version), SERVED_TTL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes back this member's claim when it leaves. */
    public void withdrawServed() {
        served.delete(localId());
    }

    /** Each member of the cluster as this node sees it, with the version it last said it serves. */
    public CompletionStage<List<MemberVersion>> servedByMembers() {
        List<CompletableFuture<MemberVersion>> answers = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            String address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
            answers.add(served.getAsync(member.getUuid().toString()).toCompletableFuture()
                    .thenApply(claim -> new MemberVersion(address, claim == null ? null : claim.version(), member.localMember())));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> answers.stream().map(CompletableFuture::join).toList());
    }

    private String localId() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    private record ActiveChanged(Consumer<StoredConfig> listener)
            implements EntryAddedListener<String, StoredConfig>, EntryUpdatedListener<String, StoredConfig> {

        @Override
        public void entryAdded(EntryEvent<String, StoredConfig> event) {
            listener.accept(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, StoredConfig> event) {
            listener.accept(event.getValue());
        }
    }
}
