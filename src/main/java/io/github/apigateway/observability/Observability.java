package io.github.apigateway.observability;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one gateway observes itself with: its meters, its tracing and its access log, started with the
 * gateway and stopped with it (after its requests drained, so their lines and spans are written).
 */
public final class Observability implements AutoCloseable {

    private final GatewayMetrics metrics;
    private final Tracing tracing;
    private final AccessLog accessLog;

    private Observability(GatewayMetrics metrics, Tracing tracing, AccessLog accessLog) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.accessLog = accessLog;
        metrics.accessLogDropped(accessLog::dropped);
    }

    /**
     * @param routeIds           the configured routes' ids
     * @param instancesByService each service's instance URLs
     * @param limitIds           the configured rate limits' ids
     * @param properties         system properties by name, environment variables by name: the OTLP settings
     */
    public static Observability start(Collection<String> routeIds, Map<String, List<String>> instancesByService,
                                      Collection<String> limitIds, boolean accessLog, boolean tracing,
                                      UnaryOperator<String> properties, UnaryOperator<String> environment) {
        GatewayMetrics metrics = new GatewayMetrics(routeIds, instancesByService, limitIds);
        Tracing spans = tracing ? Tracing.start(properties, environment) : Tracing.off();
        return new Observability(metrics, spans, accessLog ? AccessLog.start() : AccessLog.off());
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public Tracing tracing() {
        return tracing;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    @Override
    public void close() {
        try {
            accessLog.close();
            tracing.close();
        } finally {
            metrics.close();
        }
    }
}
