package io.github.apigateway.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream on a raw socket that misbehaves on purpose: each connection's request head is read, then
 * the test's script writes whatever bytes it likes (a wrong Content-Length, a reset, silence).
 */
public final class ScriptedUpstream implements AutoCloseable {

    @FunctionalInterface
    public interface Script {
        void run(Socket connection, String requestHead) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Script script;

    private ScriptedUpstream(ServerSocket server) {
        this.server = server;
    }

    public static ScriptedUpstream start() throws IOException {
        ScriptedUpstream upstream = new ScriptedUpstream(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()));
        upstream.executor.submit(upstream::acceptLoop);
        return upstream;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void script(Script script) {
        this.script = script;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                executor.submit(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            String head = readHead(connection.getInputStream());
            script.run(connection, head);
        } catch (Exception ignored) {
            // The scripts provoke broken connections on purpose.
        }
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    /** Reads the request body its head declares with {@code Content-Length}; none without one. */
    public static byte[] readBody(Socket connection, String requestHead) throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(requestHead);
        return length.find() ? connection.getInputStream().readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
    }

    public static void write(Socket connection, String text) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Closes with a TCP reset instead of an orderly FIN. */
    public static void reset(Socket connection) throws SocketException {
        connection.setSoLinger(true, 0);
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
