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
 * <p>The request as a whole is one call of the service's circuit breaker: refused before any try when the
 * breaker is open, a success when an answer is relayed, a failure when the last try failed, and no outcome
 * when it ends otherwise (no instance left, the client went away), so that a half-open breaker's trial is
 * never held by a request that will not report.
 *
 * <p>Threads: confined to one exchange. Its tries run one after another, each started by the callback
 * that ended the one before, so the HTTP client's hand-over between its threads orders them. {@link #ended}
 * comes from a container thread: the permit is volatile, and it takes only its first report.
 */
public final class UpstreamAttempts implements Predicate<UpstreamInstance> {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final UpstreamService service;
    private final boolean idempotent;
    private final List<UpstreamInstance> tried = new ArrayList<>(2);
    /** Null until the first try, and when the circuit breaker refused the request. */
    private volatile CircuitBreaker.Permit permit;
    private boolean refusedByCircuitBreaker;
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

    /** @return the instance of the first try, or null when the circuit breaker is open or none is usable */
    public UpstreamInstance first() {
        permit = service.permitToCall();
        if (permit == null) {
            refusedByCircuitBreaker = true;
            return null;
        }
        service.retryBudget().requestStarted();
        UpstreamInstance first = take(service.choose(this));
        if (first == null) {
            permit.released();
        }
        return first;
    }

    /** @return the instance to try after one that refused or did not accept the connection, or null */
    public UpstreamInstance nextAfterConnectFailure() {
        return failedWhenNull(take(service.choose(this)));
    }

    /**
     * @param bodyCanBeSentAgain whether the gateway still holds the request's body whole (or it has none)
     * @return the instance to try after a failure once the request was sent, or null when it must not be
     */
    public UpstreamInstance nextAfterFailureOnceSent(boolean bodyCanBeSentAgain) {
        sentToAnInstance = true;
        if (!idempotent || !bodyCanBeSentAgain || retriesOnceSent >= service.retries().attempts()) {
            return failedWhenNull(null);
        }
        UpstreamInstance next = service.choose(this);
        if (next == null || !service.retryBudget().tryRetry()) {
            return failedWhenNull(null);
        }
        retriesOnceSent++;
        return take(next);
    }

    /** The last try failed when there is no next one: the request failed. */
    private UpstreamInstance failedWhenNull(UpstreamInstance next) {
        if (next == null) {
            permit.failed();
        }
        return next;
    }

    /** The try on this instance got an answer that is relayed to the client: see {@link UpstreamService#succeeded}. */
    public void succeeded(UpstreamInstance instance) {
        service.succeeded(instance);
        permit.succeeded();
    }

    /**
     * The exchange ended, however it ended. Any thread: a request whose outcome was not reported (the client
     * went away, the pool was full) gives its circuit breaker permit back.
     */
    public void ended() {
        CircuitBreaker.Permit held = permit;
        if (held != null) {
            held.released();
        }
    }

    /** Whether any try got past connecting: then its own failure is the answer, not a missing instance. */
    public boolean sentToAnInstance() {
        return sentToAnInstance;
    }

    /**
     * The answer when there is nothing to try: the circuit breaker refused the request, or no instance is
     * left (the gateway never waits for one it knows is down).
     */
    public GatewayException noTryLeft() {
        if (refusedByCircuitBreaker) {
            return service.circuitOpen();
        }
        return new GatewayException(503, "no_healthy_upstream", "No instance of the upstream service can take the request.",
                Map.of("Retry-After", Long.toString(service.secondsUntilAnInstanceReturns())));
    }

    private UpstreamInstance take(UpstreamInstance instance) {
        if (instance != null) {
            tried.add(instance);
        }
        return instance;
    }

    /** Usable for the next try: not tried by this request yet, neither ejected nor taken out by health checks. */
    @Override
    public boolean test(UpstreamInstance instance) {
        return !tried.contains(instance) && service.isAvailable(instance);
    }
}
