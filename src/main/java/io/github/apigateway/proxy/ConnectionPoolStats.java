package io.github.apigateway.proxy;

/**
 * A snapshot of the upstream connection pool, over all instances: connections lent to exchanges in
 * progress, exchanges waiting for one, and idle connections kept for reuse. A leased count that stays
 * above zero with no request in flight is a leak.
 */
public record ConnectionPoolStats(int leased, int pending, int available) {
}
