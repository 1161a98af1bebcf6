package io.github.apigateway.it.hostile;

import io.github.apigateway.it.RecordingUpstream;

import java.net.URL;

/**
 * A deployed gateway under attack, whatever runs it (an embedded container, a distribution, a staging
 * host): where it answers, and the upstreams behind it whose hit logs show what got through. The
 * deployment's config is {@link #config}: {@code /api/*} goes to {@link #upstream()}, {@code /slow/*}
 * to {@link #slowUpstream()}, both without authentication.
 */
public interface HostileTarget {

    /** The deployment's base URL, with its context path and a trailing '/'. */
    URL gateway();

    /** The service behind {@code /api/*}, answering 200 "ok" unless a test says otherwise. */
    RecordingUpstream upstream();

    /** The service behind {@code /slow/*}, which tests make slow. */
    RecordingUpstream slowUpstream();

    /** How this deployment handles {@code attack}: what its container refuses, what the gateway does. */
    Handling handling(Attack attack);

    static String config(String upstreamUrl, String slowUpstreamUrl) {
        return """
                {"services": {"api": {"instances": ["%s"], "connect_timeout_ms": 2000, "response_timeout_ms": 30000},
                              "slow": {"instances": ["%s"], "connect_timeout_ms": 2000, "response_timeout_ms": 30000}},
                 "routes": [{"id": "api", "path": "/api/*", "service": "api", "auth": "none"},
                            {"id": "slow", "path": "/slow/*", "service": "slow", "auth": "none"}]}
                """.formatted(upstreamUrl, slowUpstreamUrl);
    }
}
