package io.github.apigateway.proxy;

import io.github.apigateway.config.HealthCheckSettings;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The active health checks of one instance: {@code GET {instance}{path}} on the shared HTTP client, a 2xx
 * answer within {@code timeout_ms} passes, anything else fails; {@link HealthCheckThresholds} turns the
 * results into the instance's verdict. The next probe starts {@code interval_ms} after one ends, so probes
 * of an instance never overlap. The timeout is one deadline on the gateway's timer over the whole probe
 * (connecting included), which cancels it; the body is discarded as it arrives.
 *
 * <p>Threads: a probe is started on the timer's thread and ends on the HTTP client's I/O thread (or the
 * timer's, when its deadline cancels it); the client calls exactly one of the callback's methods, which
 * schedules the next probe. Once the timer is shut down, or the probe stopped (its service left the
 * config), no further probe is scheduled; {@code stopped} is volatile for the timer's thread to see.
 */
final class HealthProbe implements FutureCallback<Message<HttpResponse, Void>> {

    private static final System.Logger LOG = System.getLogger(HealthProbe.class.getName());

    private final String service;
    private final UpstreamInstance instance;
    private final URI target;
    private final HealthCheckSettings settings;
    private final HealthCheckThresholds thresholds;
    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService timer;
    private final RequestConfig requestConfig;
    private volatile ScheduledFuture<?> deadline;
    private volatile boolean stopped;

    HealthProbe(String service, UpstreamInstance instance, HealthCheckSettings settings, CloseableHttpAsyncClient client,
                ScheduledExecutorService timer) {
        this.service = service;
        this.instance = instance;
        this.target = URI.create(instance.url().toString().replaceFirst("/$", "") + settings.path());
        this.settings = settings;
        this.thresholds = new HealthCheckThresholds(settings.healthyThreshold(), settings.unhealthyThreshold());
        this.client = client;
        this.timer = timer;
        Timeout timeout = Timeout.of(settings.timeout());
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build();
    }

    /** Probes at once, then every interval after each probe ends. */
    void start() {
        schedule(0);
    }

    /** Ends the probes after the one running now, if any. */
    void stop() {
        stopped = true;
    }

    private void schedule(long delayMillis) {
        if (stopped) {
            return;
        }
        try {
            timer.schedule(this::probe, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Health checks of " + target + " end with the gateway");
        }
    }

    private void probe() {
        SimpleHttpRequest request = SimpleRequestBuilder.get(target)
                .setHeader("User-Agent", "api-gateway-health-check")
                .build();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        try {
            Future<?> call = client.execute(SimpleRequestProducer.create(request),
                    new BasicResponseConsumer<>(new DiscardingEntityConsumer<>()), context, this);
            deadline = timer.schedule(() -> call.cancel(true), settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            // The client or the timer is closed: the gateway is stopping, and the checks end with it.
            LOG.log(System.Logger.Level.DEBUG, () -> "Health checks of " + target + " end: " + stopped);
        }
    }

    @Override
    public void completed(Message<HttpResponse, Void> answer) {
        int status = answer.getHead().getCode();
        ended(status >= 200 && status < 300, "answered " + status);
    }

    @Override
    public void failed(Exception failure) {
        ended(false, "failed: " + failure);
    }

    @Override
    public void cancelled() {
        ended(false, "no answer within " + settings.timeout().toMillis() + " ms");
    }

    private void ended(boolean passed, String outcome) {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
        }
        if (thresholds.probed(passed)) {
            boolean out = thresholds.isOut();
            instance.outByHealthChecks(out);
            LOG.log(System.Logger.Level.WARNING, "Service " + service + ": instance " + instance.url()
                    + (out ? " taken out by its health checks (" : " back in after its health checks (") + outcome + ")");
        }
        schedule(settings.interval().toMillis());
    }
}
