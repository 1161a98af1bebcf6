package io.github.apigateway.aggregate;

import io.github.apigateway.config.AggregateCall;
import io.github.apigateway.http.GatewayException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers the outcomes of one aggregate request's calls and ends the request once: with the composed
 * answer when every call has ended, with a 502 as soon as a required call fails, or at the deadline, when
 * the calls still running count as timed out and are cancelled. Nothing waits: each outcome, and the
 * deadline, arrives on its own thread and the last one needed ends the request there.
 *
 * <p>Threads: outcomes come from the HTTP client's I/O threads, the deadline from a timer, a cancellation
 * from a container thread; the outcomes are guarded by this object's lock, and the listener is told, and
 * the calls cancelled, outside it.
 */
public final class Composition {

    private final List<AggregateCall> calls;
    private final AggregateListener listener;
    private final CallOutcome[] outcomes;
    private final ServiceCall[] running;
    private int unanswered;
    private boolean finished;
    private Runnable cancelDeadline;

    Composition(List<AggregateCall> calls, AggregateListener listener) {
        this.calls = calls;
        this.listener = listener;
        this.outcomes = new CallOutcome[calls.size()];
        this.running = new ServiceCall[calls.size()];
        this.unanswered = calls.size();
    }

    /** Must be called for each call before any is started. */
    void track(int index, ServiceCall call) {
        running[index] = call;
    }

    void report(int index, CallOutcome outcome) {
        Runnable ending;
        synchronized (this) {
            if (finished || outcomes[index] != null) {
                return;
            }
            outcomes[index] = outcome;
            unanswered--;
            if (outcome.isFailure() && calls.get(index).required()) {
                GatewayException failure = requiredCallFailed(index);
                ending = finish(() -> listener.failed(failure), pending());
            } else if (unanswered == 0) {
                ending = finish(answer(), List.of());
            } else {
                return;
            }
        }
        ending.run();
    }

    /** The deadline passed: every call without an outcome has timed out. */
    void deadlinePassed() {
        Runnable ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            List<ServiceCall> late = pending();
            int firstRequiredLate = -1;
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    outcomes[i] = CallOutcome.failed(CallError.TIMEOUT);
                    firstRequiredLate = firstRequiredLate < 0 && calls.get(i).required() ? i : firstRequiredLate;
                }
            }
            GatewayException failure = firstRequiredLate >= 0 ? requiredCallFailed(firstRequiredLate) : null;
            ending = finish(failure != null ? () -> listener.failed(failure) : answer(), late);
        }
        ending.run();
    }

    /** The client went away: the calls still running are cancelled, and nobody is told. */
    public void cancel() {
        Runnable ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            ending = finish(() -> { }, pending());
        }
        ending.run();
    }

    /** Keeps what cancels the deadline, or runs it when the request already ended. */
    void deadline(Runnable cancel) {
        synchronized (this) {
            if (!finished) {
                cancelDeadline = cancel;
                return;
            }
        }
        cancel.run();
    }

    /**
     * Must hold the lock.
     *
     * @param late the calls still running, to cancel
     * @return what to run once outside it
     */
    private Runnable finish(Runnable tell, List<ServiceCall> late) {
        finished = true;
        Runnable deadline = cancelDeadline;
        return () -> {
            if (deadline != null) {
                deadline.run();
            }
            tell.run();
            late.forEach(ServiceCall::cancel);
        };
    }

    /** Must hold the lock. */
    private List<ServiceCall> pending() {
        List<ServiceCall> pending = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null && running[i] != null) {
                pending.add(running[i]);
            }
        }
        return pending;
    }

    /** Must hold the lock; every outcome is known. */
    private Runnable answer() {
        ComposedJson body = ComposedJson.of(calls, Arrays.asList(outcomes.clone()));
        return () -> listener.answered(body);
    }

    private GatewayException requiredCallFailed(int index) {
        return new GatewayException(502, "bad_gateway", "The required call '" + calls.get(index).name()
                + "' failed: " + outcomes[index].error().label() + ".");
    }
}
