package io.github.apigateway.proxy;

import java.net.URI;
import java.time.Duration;

/**
 * Hears of each instance that passive outlier detection ejects, so that others can stop sending to it
 * too (the cluster's announcement). Called on the thread that saw the last failure, the HTTP client's
 * I/O thread: an implementation must hand any I/O off and return at once.
 */
@FunctionalInterface
public interface EjectionListener {

    EjectionListener NONE = (service, instance, duration) -> { };

    void ejected(String service, URI instance, Duration duration);
}
