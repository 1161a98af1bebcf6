package io.github.apigateway.transform;

import io.github.apigateway.config.JsonFieldRules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One response body through {@code response_transform.json}, chunk by chunk, deciding what the client
 * gets. Nothing is released before {@link #HELD_INPUT} bytes parsed cleanly or the body ended, so that a
 * body that only claims to be JSON passes unchanged (its original bytes, and length). A body of at most
 * that size in which no rule changed anything also passes unchanged. Past that point the rewrite streams,
 * and a parse error can only cut the response ({@link BrokenJsonBody}).
 *
 * <p>Memory: at most {@link #HELD_INPUT} bytes (plus the last chunk) of input and their rewrite before the
 * decision; afterwards only each chunk's rewrite, handed on at once. Used by one thread at a time.
 */
public final class JsonBodyRewrite {

    public static final int HELD_INPUT = 64 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private enum Decision { UNDECIDED, UNCHANGED, REWRITTEN }

    private final JsonFieldRewriter rewriter;
    /** The original bytes while undecided, else null. */
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private long parsed;
    private Decision decision = Decision.UNDECIDED;

    public JsonBodyRewrite(JsonFieldRules rules) {
        this.rewriter = new JsonFieldRewriter(rules);
    }

    /** Whether a body of this {@code Content-Type} is rewritten: {@code application/json}, whatever its parameters. */
    public static boolean appliesTo(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    /** @return the bytes to send now, maybe none */
    public byte[] accept(byte[] chunk) throws BrokenJsonBody {
        if (decision == Decision.UNCHANGED) {
            return chunk;
        }
        if (decision == Decision.REWRITTEN) {
            try {
                rewriter.feed(chunk);
                parsed += chunk.length;
                return rewriter.takeOutput();
            } catch (IOException e) {
                throw new BrokenJsonBody(parsed, e);
            }
        }
        held.writeBytes(chunk);
        try {
            rewriter.feed(chunk);
        } catch (IOException notJson) {
            return passUnchanged();
        }
        parsed += chunk.length;
        if (parsed < HELD_INPUT) {
            return NOTHING;
        }
        decision = Decision.REWRITTEN;
        held = null;
        return output();
    }

    /** The body ended: @return the last bytes to send, maybe none */
    public byte[] finish() throws BrokenJsonBody {
        if (decision == Decision.UNCHANGED) {
            return NOTHING;
        }
        try {
            rewriter.end();
        } catch (IOException e) {
            if (decision == Decision.REWRITTEN) {
                throw new BrokenJsonBody(parsed, e);
            }
            return passUnchanged();
        }
        if (decision == Decision.UNDECIDED && !rewriter.changed()) {
            return passUnchanged();
        }
        decision = Decision.REWRITTEN;
        held = null;
        return output();
    }

    /** Whether what the client gets is known: until then the response's head waits. */
    public boolean decided() {
        return decision != Decision.UNDECIDED;
    }

    /** Whether the client gets other bytes than the upstream sent (so the upstream's length no longer holds). */
    public boolean changesBody() {
        return decision == Decision.REWRITTEN;
    }

    private byte[] passUnchanged() {
        decision = Decision.UNCHANGED;
        byte[] original = held.toByteArray();
        held = null;
        return original;
    }

    private byte[] output() throws BrokenJsonBody {
        try {
            return rewriter.takeOutput();
        } catch (IOException e) {
            throw new BrokenJsonBody(parsed, e);
        }
    }
}
