package io.github.apigateway.ratelimit;

/** A bucket as the cluster map stores it: {@code double[]{tokens, updatedAtMillis}}; null is a full bucket. */
final class StoredBucket {

    private StoredBucket() {
    }

    static BucketState read(double[] stored) {
        return stored == null ? null : new BucketState(stored[0], (long) stored[1]);
    }

    static double[] write(BucketState state) {
        return new double[]{state.tokens(), state.updatedAtMillis()};
    }
}
