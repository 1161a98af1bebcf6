package io.github.apigateway.ratelimit;

import java.util.List;

/** What the limiter reads of a request: its headers as authentication left them, and its TCP peer. */
public interface RequestView {

    /** The first value of the header, or null. */
    String header(String name);

    /** Every value of the header, in order; empty when absent. */
    List<String> headers(String name);

    String peerAddress();
}
