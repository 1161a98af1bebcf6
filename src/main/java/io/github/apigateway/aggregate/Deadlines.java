package io.github.apigateway.aggregate;

import java.time.Duration;

/** Runs an action once a delay has passed, on a thread that is neither the container's nor the HTTP client's. */
@FunctionalInterface
public interface Deadlines {

    /** @return what cancels the action, if it has not run yet */
    Runnable schedule(Duration after, Runnable action);
}
