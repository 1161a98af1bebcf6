package io.github.apigateway.cluster;

import java.util.Objects;

/**
 * Which config a node serves: the number the cluster gave it (1 for the file the cluster started from,
 * one more for each change), within the epoch of the cluster's run that numbered it. A whole-cluster
 * restart starts again from the files at 1 in a new epoch, so numbers are only compared within an epoch.
 *
 * @param epoch a random id chosen by the member that started the cluster's run from its file
 */
public record ConfigVersion(String epoch, long number) {

    public ConfigVersion {
        Objects.requireNonNull(epoch);
    }

    /** Whether a node serving {@code served} should take this version: a newer one, or another run's. */
    public boolean supersedes(ConfigVersion served) {
        return !epoch.equals(served.epoch) || number > served.number;
    }

    /** The version as the admin API shows it and takes it back in {@code If-Match}. */
    @Override
    public String toString() {
        return Long.toString(number);
    }
}
