package io.github.apigateway.ratelimit;

/** The member owning a bucket did not answer in time recently; asking it again would only wait. */
public final class OwnerUnresponsiveException extends RuntimeException {

    OwnerUnresponsiveException() {
        super("the bucket's owner did not answer recently", null, false, false);
    }
}
