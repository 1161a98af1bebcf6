package io.github.apigateway.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * W3C Trace Context for the gateway's requests: a valid incoming {@code traceparent} is continued, a
 * malformed one is dropped (with its {@code tracestate}) and a new trace started, as without one. The
 * spans are made by the OpenTelemetry SDK; they leave the gateway over OTLP only when the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or their
 * {@code otel.*} system properties) is set, read by the SDK's autoconfiguration with the other
 * {@code OTEL_*} variables. Without it no exporter and no SDK thread start. The SDK is this gateway's
 * own, never the global one. Thread-safe: the SDK's tracer is.
 */
public final class Tracing implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Tracing.class.getName());
    private static final List<String> ENDPOINT_PROPERTIES = List.of("otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /**
     * A span processor that keeps nothing: without any, the SDK makes no spans at all, and the upstream
     * would get the client's span id (or none) instead of the gateway's.
     */
    private static final SpanProcessor KEEPS_NOTHING = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk == null ? null : sdk.getTracer("io.github.apigateway");
    }

    /** Tracing that makes no spans and leaves the trace headers alone. */
    public static Tracing off() {
        return new Tracing(null);
    }

    /**
     * @param properties the system properties' values by name
     * @param environment the environment variables' values by name
     */
    public static Tracing start(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        if (!exportConfigured(properties, environment)) {
            return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(KEEPS_NOTHING).build()).build());
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                // Defaults the OTEL_* variables override: the gateway exports its spans, not metrics or logs.
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "api-gateway",
                        "otel.metrics.exporter", "none", "otel.logs.exporter", "none"))
                .setServiceClassLoader(Tracing.class.getClassLoader())
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        LOG.log(System.Logger.Level.INFO, "Tracing: spans are exported over OTLP as the OTEL_* settings say");
        return new Tracing(sdk);
    }

    static boolean exportConfigured(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        for (String property : ENDPOINT_PROPERTIES) {
            String environmentName = property.toUpperCase(Locale.ROOT).replace('.', '_');
            if (isSet(properties.apply(property)) || isSet(environment.apply(environmentName))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Starts the span of a request that just arrived.
     *
     * @param traceparent the request's {@code traceparent}, or null
     * @param tracestate  the request's {@code tracestate}, or null
     */
    public RequestSpan start(String method, String traceparent, String tracestate) {
        if (tracer == null) {
            return RequestSpan.NONE;
        }
        Context parent = Context.root();
        if (traceparent != null) {
            parent = PROPAGATOR.extract(parent, tracestate == null ? Map.of("traceparent", traceparent)
                    : Map.of("traceparent", traceparent, "tracestate", tracestate), HEADERS);
        }
        Span span = tracer.spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method).startSpan();
        return new RequestSpan(span, PROPAGATOR);
    }

    /** Sends the spans still buffered, for at most 5 s, and stops the exporter's thread. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
