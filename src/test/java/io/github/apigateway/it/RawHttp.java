package io.github.apigateway.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 client on a plain socket, for what higher-level clients refuse to send (hop-by-hop headers,
 * raw paths, {@code Expect}, malformed framing) or hide (repeated headers, the exact status line).
 */
public final class RawHttp {

    public record Response(String statusLine, List<String[]> headers, byte[] body) {

        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        public String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        public List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends a request whose head is given line by line (the request line with the path inside the
     * gateway's context, then header lines; Host and Connection: close are added) and reads the response.
     */
    public static Response send(URL base, String requestLine, List<String> headerLines, byte[] body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(base, requestLine, headerLines).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends the given bytes exactly as they are (any framing, any line ends) and reads one response,
     * failing when none arrives within {@code deadline}.
     */
    public static Response exchange(URL base, byte[] request, java.time.Duration deadline) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) deadline.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** The path as the gateway's request line needs it, inside the deployment's context path. */
    public static String path(URL base, String pathInContext) {
        String contextPath = base.getPath().endsWith("/") ? base.getPath().substring(0, base.getPath().length() - 1) : base.getPath();
        return contextPath + pathInContext;
    }

    public static String head(URL base, String requestLine, List<String> headerLines) {
        String[] parts = requestLine.split(" ", 3);
        StringBuilder head = new StringBuilder(parts[0] + " " + path(base, parts[1]) + " " + parts[2] + "\r\n");
        head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (headerLines.stream().noneMatch(line -> line.toLowerCase().startsWith("connection:"))) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString();
    }

    public static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        while (statusLine.startsWith("HTTP/1.1 100")) {
            while (!line(in).isEmpty()) {
                // skip the interim response's headers
            }
            statusLine = line(in);
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[]{line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        Response head = new Response(statusLine, headers, new byte[0]);
        byte[] body;
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            body = readChunked(in);
        } else if (head.header("Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(head.header("Content-Length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(statusLine, headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            line(in);
        }
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
