package io.github.apigateway.proxy;

/**
 * What an instance's active health checks conclude: {@code unhealthy_threshold} failed probes in a row take
 * it out, {@code healthy_threshold} passed probes in a row bring it back, and anything less changes
 * nothing, so one lost probe does not flap an instance. It starts in, as Kong's checks do: a gateway that
 * has just started does not refuse traffic until its first probes are back.
 *
 * <p>Threads: a probe's result arrives on the HTTP client's I/O thread, and an instance's probes run one
 * after another; the counts are guarded by this object's lock anyway, the verdict is volatile for the
 * request threads that read it.
 */
final class HealthCheckThresholds {

    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private int passedInARow;
    private int failedInARow;
    private volatile boolean out;

    HealthCheckThresholds(int healthyThreshold, int unhealthyThreshold) {
        this.healthyThreshold = healthyThreshold;
        this.unhealthyThreshold = unhealthyThreshold;
    }

    /** @return whether this probe changed the verdict */
    synchronized boolean probed(boolean passed) {
        if (passed) {
            failedInARow = 0;
            passedInARow++;
            if (out && passedInARow >= healthyThreshold) {
                out = false;
                return true;
            }
        } else {
            passedInARow = 0;
            failedInARow++;
            if (!out && failedInARow >= unhealthyThreshold) {
                out = true;
                return true;
            }
        }
        return false;
    }

    /** Whether the checks took the instance out. */
    boolean isOut() {
        return out;
    }
}
