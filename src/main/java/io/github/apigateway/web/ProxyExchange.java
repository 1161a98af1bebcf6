package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.UpstreamMetrics;
import io.github.apigateway.observability.UpstreamOutcome;
import io.github.apigateway.observability.UpstreamTry;
import io.github.apigateway.proxy.ClientRequest;
import io.github.apigateway.proxy.UpstreamAttempts;
import io.github.apigateway.proxy.UpstreamFailures;
import io.github.apigateway.proxy.UpstreamInstance;
import io.github.apigateway.proxy.UpstreamRequests;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.Upstreams;
import io.github.apigateway.proxy.UserAgentPassThrough;
import io.github.apigateway.routing.RouteMatch;
import io.github.apigateway.transform.BrokenJsonBody;
import io.github.apigateway.transform.CallerValues;
import io.github.apigateway.transform.RequestChanges;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

import java.io.IOException;
import java.util.concurrent.Future;

/**
 * One proxied request, from the moment the servlet goes async to the end of the response. No container
 * thread waits on the upstream: the request body, the upstream calls and the response body all run on
 * callbacks. A failed try goes to another instance where {@link UpstreamAttempts} allows it. Failures
 * end here: an upstream failure becomes 502/503/504 (or an aborted connection once the response has
 * started), a client failure cancels the upstream call so its connection returns to the pool.
 *
 * <p>Each try is timed by instance and outcome ({@link UpstreamTry}) and carries the gateway's span in
 * its trace headers.
 *
 * <p>Threads: the tries run one after another, each started by the callback that ended the one before;
 * the fields of the current try are volatile so that the container thread that cancels sees them.
 */
public final class ProxyExchange implements FutureCallback<Void>, AsyncListener {

    private static final System.Logger LOG = System.getLogger(ProxyExchange.class.getName());

    private final String requestId;
    private final Upstreams upstreams;
    private final UpstreamService service;
    private final UpstreamAttempts attempts;
    private final ClientRequest clientRequest;
    private final RouteMatch match;
    private final RequestContext context;
    private final UpstreamMetrics metrics;
    private final boolean clientSentNoUserAgent;
    private ResponsePump pump;
    /** What the route's request_transform makes of the request; set before the first try is sent, which publishes it to the callbacks that send the next. */
    private RequestChanges changes;
    /** The client's request body on its way to the upstream, or null when the request has none. */
    private volatile RequestBodyProducer body;
    private volatile UpstreamInstance instance;
    /** The instance chosen when an answer's head was dropped for a retry, until the dropped try ends. */
    private volatile UpstreamInstance retryTo;
    private volatile Future<Void> upstreamCall;
    private volatile UpstreamTry currentTry;
    private volatile boolean clientFailed;

    private ProxyExchange(HttpServletRequest request, RequestContext context, Upstreams upstreams,
                          UpstreamMetrics metrics) {
        this.requestId = context.requestId();
        this.context = context;
        this.metrics = metrics;
        this.upstreams = upstreams;
        this.match = context.routeMatch();
        this.service = context.config().service(match.route().service());
        this.attempts = service.attempts(request.getMethod());
        this.clientRequest = ClientRequests.of(request);
        this.clientSentNoUserAgent = request.getHeader("User-Agent") == null;
    }

    public static void start(HttpServletRequest request, HttpServletResponse response, Upstreams upstreams,
                             UpstreamMetrics metrics) throws IOException {
        RequestContext context = RequestContext.of(request);
        ProxyExchange exchange = new ProxyExchange(request, context, upstreams, metrics);
        AsyncContext async = request.startAsync();
        // The HTTP client's timeouts bound the upstream side; the client side is bounded by the
        // container's idle timeout. A container async timeout would cut off long, healthy downloads.
        async.setTimeout(0);
        async.addListener(exchange);
        exchange.pump = new ResponsePump(response, new ClientExchangeEnd(response, async, context.requestId()),
                context.requestId(), exchange::clientFailed, exchange::retryInsteadOf,
                exchange.match.route().responseTransform());
        try {
            exchange.changes = RequestChanges.of(exchange.match.route().requestTransform(), exchange.match.upstreamPath(),
                    exchange.clientRequest.query(), callerValues(context));
        } catch (GatewayException refused) {
            exchange.pump.fail(refused);
            return;
        }
        exchange.body = RequestBodyProducer.of(request, exchange::clientFailed, exchange.attempts.mayRetryOnceSent());
        UpstreamInstance first = exchange.attempts.first();
        if (first == null) {
            exchange.pump.fail(exchange.attempts.noTryLeft());
            return;
        }
        exchange.send(first);
    }

    private static CallerValues callerValues(RequestContext context) {
        Identity identity = context.identity();
        if (identity == null) {
            return CallerValues.anonymous(context.requestId());
        }
        return new CallerValues(identity.subject(), identity.username(), identity.clientId(), context.requestId());
    }

    private void send(UpstreamInstance next) {
        if (clientFailed) {
            // Tomcat may report a broken body as soon as the read listener is set: nothing goes upstream
            // then, and no call is left to cancel while it leases a connection (which can strand the lease).
            return;
        }
        instance = next;
        HttpClientContext httpContext = service.newContext();
        if (clientSentNoUserAgent) {
            httpContext.setAttribute(UserAgentPassThrough.CLIENT_SENT_NONE, Boolean.TRUE);
        }
        next.started();
        HttpRequest upstreamRequest = UpstreamRequests.build(clientRequest, match, next.host(), requestId, changes);
        context.span().writeTraceHeaders(upstreamRequest::removeHeaders, upstreamRequest::setHeader);
        context.upstreamAddress(next.host().toHostString());
        currentTry = metrics.instance(service.name(), next.toString()).startTry();
        upstreamCall = upstreams.execute(next.host(),
                new BasicRequestProducer(upstreamRequest, body == null ? null : body.forNextTry()),
                pump, httpContext, this);
        if (clientFailed) {
            stopUpstreamCall();
        }
    }

    /** The head of a try's answer arrived (on the HTTP client's I/O thread): relay it, or drop it and retry. */
    private boolean retryInsteadOf(HttpResponse head) {
        UpstreamInstance answered = instance;
        if (!UpstreamFailures.isFailureStatus(head.getCode())) {
            currentTry.ended(UpstreamOutcome.RESPONSE);
            attempts.succeeded(answered);
            return false;
        }
        currentTry.ended(UpstreamOutcome.ERROR_STATUS);
        service.failed(answered);
        UpstreamInstance next = clientFailed ? null : attempts.nextAfterFailureOnceSent(bodyCanBeSentAgain());
        retryTo = next;
        return next != null;
    }

    private boolean bodyCanBeSentAgain() {
        return body == null || body.canBeSentAgain();
    }

    @Override
    public void completed(Void result) {
        instance.ended();
    }

    @Override
    public void failed(Exception failure) {
        instance.ended();
        currentTry.ended(outcomeOf(failure));
        UpstreamInstance next = retryTo;
        retryTo = null;
        if (failure instanceof BrokenJsonBody) {
            // The pump cut the client's response already; the upstream answered, so nothing is retried.
            return;
        }
        try {
            if (next == null && !clientFailed) {
                next = afterFailure(failure);
            }
            if (next != null && !clientFailed) {
                metrics.retried(service.name());
                send(next);
            }
        } catch (RuntimeException e) {
            // Never let an exception escape into the HTTP client's I/O thread: it would stop the
            // reactor and with it every exchange of the service.
            LOG.log(System.Logger.Level.ERROR, "Request " + requestId + ": could not answer the client", e);
        }
    }

    /** @return the instance to try next, or null once the client has been answered */
    private UpstreamInstance afterFailure(Exception failure) {
        LOG.log(System.Logger.Level.DEBUG, () -> "Request " + requestId + ": upstream " + instance + " failed: " + failure);
        if (!UpstreamFailures.countsAgainstInstance(failure)) {
            pump.fail(UpstreamFailures.toGatewayException(failure));
            return null;
        }
        service.failed(instance);
        UpstreamInstance next = UpstreamFailures.nothingSent(failure)
                ? attempts.nextAfterConnectFailure()
                : attempts.nextAfterFailureOnceSent(bodyCanBeSentAgain());
        if (next == null) {
            pump.fail(attempts.sentToAnInstance() ? UpstreamFailures.toGatewayException(failure) : attempts.noTryLeft());
        }
        return next;
    }

    private static UpstreamOutcome outcomeOf(Exception failure) {
        if (UpstreamFailures.nothingSent(failure)) {
            return UpstreamOutcome.CONNECT_FAILURE;
        }
        return UpstreamFailures.toGatewayException(failure).status() == 504 ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.FAILURE;
    }

    @Override
    public void cancelled() {
        instance.ended();
        currentTry.ended(UpstreamOutcome.CANCELLED);
    }

    /**
     * The client went away or broke its request: stop the upstream call and free its connection, so the
     * upstream never takes a half-sent body for a whole one. A client that broke its body's framing still
     * waits for an answer, and it is its error (400), not the gateway's (503).
     */
    private void clientFailed(Throwable failure) {
        clientFailed = true;
        LOG.log(System.Logger.Level.DEBUG, () -> "Request " + requestId + ": client failed: " + failure);
        stopUpstreamCall();
        pump.endAfterClientFailure(MalformedRequestBody.isCause(failure)
                ? GatewayException.badRequest("The request body is malformed.")
                : new GatewayException(503, "service_unavailable", "The gateway ended the request before the upstream answered."));
    }

    /**
     * Cancelling the call does not stop an exchange on a reused pooled connection (see
     * {@link RequestBodyProducer}): a body still on its way fails the exchange instead, and a response
     * being relayed fails it with its next bytes ({@link ResponsePump}).
     */
    private void stopUpstreamCall() {
        if (body != null) {
            body.abandon();
        }
        Future<Void> call = upstreamCall;
        if (call != null) {
            call.cancel(true);
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        clientFailed(event.getThrowable());
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientFailed(event.getThrowable());
    }

    /**
     * A container may end the client's side without reporting an error to any listener (Tomcat, for a
     * client that resets the connection mid-download); an upstream call still running then would hold its
     * pooled connection until the upstream finishes, so it is cancelled.
     */
    @Override
    public void onComplete(AsyncEvent event) {
        attempts.ended();
        if (pump.endedByTheContainer()) {
            stopUpstreamCall();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
