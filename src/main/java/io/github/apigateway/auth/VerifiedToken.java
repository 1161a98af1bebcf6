package io.github.apigateway.auth;

import java.time.Instant;

/** A bearer token that passed every check: the caller it names, and its {@code exp}. */
record VerifiedToken(Identity identity, Instant expiresAt) {
}
