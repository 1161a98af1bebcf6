package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.lifecycle.ConfigAdmin;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The admin API under {@code /_gateway/admin/}: {@code GET config}, {@code PUT config} (with
 * {@code If-Match: <version>}), {@code POST config/validate} and {@code GET status}, for an admin token
 * from an allowed address, or the admin page's calls with the browser's login
 * ({@link ManagementCaller#admitToAdmin}). Whatever waits (the realm's keys, a browser login's refresh, the
 * request body, the cluster's compare-and-set, the members' versions) waits suspended: the result is
 * dispatched back here as an {@link AdminAnswer} and written on a container thread. Refusals before the
 * first suspension go through the request id step's JSON errors; later ones are answers like any other.
 */
final class AdminApiServlet extends HttpServlet {

    static final String PATH = "/_gateway/admin";
    private static final String ANSWER = AdminApiServlet.class.getName() + ".answer";
    /** How long a client may take to send its body. */
    private static final long BODY_DEADLINE_MILLIS = 30_000;

    private final transient ConfigAdmin admin;

    AdminApiServlet(ConfigAdmin admin) {
        this.admin = admin;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean resumed = request.getDispatcherType() == DispatcherType.ASYNC;
        if (resumed && request.getAttribute(ANSWER) != null) {
            ((AdminAnswer) request.getAttribute(ANSWER)).send(response);
            return;
        }
        Identity caller;
        try {
            caller = ManagementCaller.admitToAdmin(request, resumed);
        } catch (KeysPending pending) {
            AsyncContext async = request.startAsync();
            pending.fetch().whenComplete((fetched, failure) -> async.dispatch());
            return;
        } catch (AdminBrowserLogin.SessionPending pending) {
            AsyncContext async = request.startAsync();
            pending.answer().whenComplete((refreshed, failure) -> async.dispatch());
            return;
        } catch (GatewayException refused) {
            AdminAnswer.error(refused, requestId(request)).send(response);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals("/config") && method.equals("GET")) {
            AdminAnswers.config(admin.active()).send(response);
        } else if (path.equals("/config") && method.equals("PUT")) {
            change(request, response, caller);
        } else if (path.equals("/config/validate") && method.equals("POST")) {
            answerLater(request, body(request).thenApply(json -> validated(json, requestId(request))));
        } else if (path.equals("/status") && method.equals("GET")) {
            answerLater(request, admin.members().thenApply(members -> AdminAnswers.status(admin.active(), members)));
        } else {
            AdminAnswer.error(notHere(path, method), requestId(request)).send(response);
        }
    }

    private void change(HttpServletRequest request, HttpServletResponse response, Identity caller) throws IOException {
        String requestId = requestId(request);
        long expected;
        try {
            expected = IfMatch.version(request.getHeader("If-Match"));
        } catch (GatewayException refused) {
            AdminAnswer.error(refused, requestId).send(response);
            return;
        }
        String who = (caller.username() != null ? caller.username() : caller.subject()) + " from " + request.getRemoteAddr();
        answerLater(request, body(request)
                .thenCompose(json -> admin.change(expected, json, who))
                .thenApply(change -> changed(change, requestId)));
    }

    private static AdminAnswer changed(ConfigAdmin.Change change, String requestId) {
        if (change instanceof ConfigAdmin.Change.Applied applied) {
            return AdminAnswers.applied(applied.active());
        }
        if (change instanceof ConfigAdmin.Change.Invalid invalid) {
            return AdminAnswers.invalid(invalid.problems(), requestId);
        }
        return AdminAnswer.error(new GatewayException(412, "precondition_failed",
                "The config changed since the version in If-Match; read it again and apply the change to it."), requestId);
    }

    private AdminAnswer validated(byte[] json, String requestId) {
        var problems = admin.problems(json);
        return problems.isEmpty() ? AdminAnswers.valid() : AdminAnswers.invalid(problems, requestId);
    }

    /** Starts the request's async cycle and reads its body without a thread waiting on the client. */
    private static CompletionStage<byte[]> body(HttpServletRequest request) throws IOException {
        request.startAsync();
        return AdminRequestBody.read(request.getInputStream());
    }

    /**
     * Dispatches the answer, or the refusal a failed stage carries, back to a container thread. The
     * cluster's stages have their deadlines ({@link ConfigAdmin}); a client that does not finish its body
     * in time gets the container's async timeout, answered by {@link SlowClient}.
     */
    private static void answerLater(HttpServletRequest request, CompletionStage<AdminAnswer> answer) {
        AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
        async.setTimeout(BODY_DEADLINE_MILLIS);
        String requestId = requestId(request);
        async.addListener(new SlowClient(requestId));
        answer.whenComplete((done, failure) -> {
            request.setAttribute(ANSWER, done != null ? done : AdminAnswer.error(refusal(failure), requestId));
            try {
                async.dispatch();
            } catch (IllegalStateException alreadyAnswered) {
                // The client's deadline ran out first and was answered; this result has no one to go to.
            }
        });
    }

    private static GatewayException refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof GatewayException refused) {
            return refused;
        }
        return new GatewayException(503, "service_unavailable", "The cluster did not answer in time.",
                Map.of("Retry-After", "1"));
    }

    private static GatewayException notHere(String path, String method) {
        Map<String, String> allowed = Map.of("/config", "GET, PUT", "/config/validate", "POST", "/status", "GET");
        String allow = allowed.get(path);
        if (allow == null) {
            return new GatewayException(404, "not_found", "The admin API has config, config/validate and status.");
        }
        return new GatewayException(405, "method_not_allowed", "The method " + method + " is not allowed on this path.",
                Map.of("Allow", allow));
    }

    /** Answers a request whose body did not arrive within the deadline; nothing changed. */
    private record SlowClient(String requestId) implements AsyncListener {

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            HttpServletResponse response = (HttpServletResponse) event.getSuppliedResponse();
            if (!response.isCommitted()) {
                AdminAnswer.error(new GatewayException(408, "request_timeout", "The request body did not arrive in time."),
                        requestId).send(response);
            }
            event.getAsyncContext().complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static String requestId(HttpServletRequest request) {
        return RequestContext.of(request).requestId();
    }
}
