package io.github.apigateway.http;

/** A request path that cannot be brought to a safe normal form; the message says why, for the client. */
public final class InvalidPathException extends IllegalArgumentException {

    public InvalidPathException(String message) {
        super(message);
    }
}
