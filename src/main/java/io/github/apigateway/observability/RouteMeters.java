package io.github.apigateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code http_server_request_duration_seconds} of one {@code http_route} label value, one timer per
 * method and status, each made on first use and kept in an array: a request's record is two array reads
 * and no label string built. Methods outside HTTP's registered ones share OpenTelemetry's {@code _OTHER}.
 *
 * <p>Threads: the arrays are atomic; two threads that make the same timer at once get the one the
 * registry holds (it deduplicates by name and labels).
 */
public final class RouteMeters {

    static final String NAME = "http.server.request.duration";
    /** OpenTelemetry's default boundaries for {@code http.server.request.duration}, in seconds. */
    static final Duration[] BUCKETS = millis(5, 10, 25, 50, 75, 100, 250, 500, 750, 1_000, 2_500, 5_000, 7_500, 10_000);

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT", "_OTHER"};
    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 900;

    private final MeterRegistry registry;
    private final String route;
    private final AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod = new AtomicReferenceArray<>(METHODS.length);

    RouteMeters(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
    }

    public void record(String method, int status, long durationNanos) {
        timer(methodIndex(method), status).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int method, int status) {
        int index = status - LOWEST_STATUS;
        if (index < 0 || index >= STATUSES) {
            // Not an HTTP status; a servlet can be made to set one all the same.
            return timer(METHODS[method], "_OTHER");
        }
        AtomicReferenceArray<Timer> byStatus = byMethod.get(method);
        if (byStatus == null) {
            byMethod.compareAndSet(method, null, new AtomicReferenceArray<>(STATUSES));
            byStatus = byMethod.get(method);
        }
        Timer timer = byStatus.get(index);
        if (timer == null) {
            timer = timer(METHODS[method], Integer.toString(status));
            byStatus.set(index, timer);
        }
        return timer;
    }

    private Timer timer(String method, String status) {
        return Timer.builder(NAME)
                .description("Duration of HTTP server requests, from the first filter to the end of the exchange")
                .tag("http.route", route)
                .tag("http.request.method", method)
                .tag("http.response.status_code", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }
}
