package io.github.apigateway.it.hostile;

/**
 * How a deployment handles one attack. The container parses the request head before the gateway sees
 * it, so which attacks it refuses itself, with which status and in its own (not JSON) format, is the
 * container's; what reaches the gateway is refused by the gateway as JSON or read one way and forwarded.
 */
public sealed interface Handling {

    /** Refused by the container before the request reaches the gateway, in the container's format. */
    record RefusedByContainer(int status) implements Handling {
    }

    /** Refused by the gateway with its JSON error. */
    record RefusedByGateway(int status, String error) implements Handling {
    }

    /** Read one way and forwarded: the upstream gets exactly {@code body}, and nothing else. */
    record Normalised(String body) implements Handling {
    }

    /**
     * Read one way, by which the body ends before the would-be hidden request: the upstream gets exactly
     * {@code body}, then that request as the next one on the connection, which passed the gateway's route,
     * authentication and rate limit as any other.
     */
    record NormalisedThenPipelined(String body) implements Handling {
    }
}
