package io.github.apigateway.proxy;

/** An instance as the admin status names it: taking requests, ejected by failures, or out by its health checks. */
public enum InstanceState {
    HEALTHY, EJECTED, UNHEALTHY
}
