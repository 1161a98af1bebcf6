package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The tries of one request, each on an instance it has not tried yet and that is not ejected. A try that
 * failed to connect sent nothing, so it is always tried again elsewhere, for every method and outside the
 * retry budget. A try that failed once sent is tried again only when repeating it is safe: an idempotent
 * method (RFC 9110 section 9.2.2) whose body the gateway still holds whole, within the service's
 * {@code retries.attempts} and retry budget.
 *
 * <p>Threads: confined to one exchange. Its tries run one after another, each started by the callback
 * that ended the one before, so the HTTP client's hand-over between its threads orders them.
 */
public final class UpstreamAttempts implements Predicate<UpstreamInstance> {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final UpstreamService service;
    private final boolean idempotent;
    private final List<UpstreamInstance> tried = new ArrayList<>(2);
    private int retriesOnceSent;
    private boolean sentToAnInstance;

    UpstreamAttempts(UpstreamService service, String method) {
        this.service = service;
        this.idempotent = IDEMPOTENT.contains(method);
    }

    /** Whether a failure once sent may ever be tried again: only then is the request's body worth holding. */
    public boolean mayRetryOnceSent() {
        return idempotent && service.retries().attempts() > 0;
    }

    /** @return the instance of the first try, or null when none is usable */
    public UpstreamInstance first() {
        service.retryBudget().requestStarted();
        return take(service.choose(this));
    }

    /** @return the instance to try after one that refused or did not accept the connection, or null */
    public UpstreamInstance nextAfterConnectFailure() {
        return take(service.choose(this));
    }

    /**
     * @param bodyCanBeSentAgain whether the gateway still holds the request's body whole (or it has none)
     * @return the instance to try after a failure once the request was sent, or null when it must not be
     */
    public UpstreamInstance nextAfterFailureOnceSent(boolean bodyCanBeSentAgain) {
        sentToAnInstance = true;
        if (!idempotent || !bodyCanBeSentAgain || retriesOnceSent >= service.retries().attempts()) {
            return null;
        }
        UpstreamInstance next = service.choose(this);
        if (next == null || !service.retryBudget().tryRetry()) {
            return null;
        }
        retriesOnceSent++;
        return take(next);
    }

    /** Whether any try got past connecting: then its own failure is the answer, not a missing instance. */
    public boolean sentToAnInstance() {
        return sentToAnInstance;
    }

    /** The answer when no instance is left to try: the gateway never waits for one it knows is down. */
    public GatewayException noInstanceLeft() {
        return new GatewayException(503, "no_healthy_upstream", "No instance of the upstream service can take the request.",
                Map.of("Retry-After", Long.toString(service.secondsUntilAnInstanceReturns())));
    }

    private UpstreamInstance take(UpstreamInstance instance) {
        if (instance != null) {
            tried.add(instance);
        }
        return instance;
    }

    /** Usable for the next try: not tried by this request yet, and not ejected. */
    @Override
    public boolean test(UpstreamInstance instance) {
        return !tried.contains(instance) && !service.isEjected(instance);
    }
}
