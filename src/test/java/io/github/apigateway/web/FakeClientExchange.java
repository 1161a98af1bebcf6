package io.github.apigateway.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's side of one async exchange without a container: a response whose output stream records
 * each write and flush and is ready or not as the test says, and an async context that records how the
 * exchange ended. The response commits when it is first flushed or completed, as a container's does.
 */
final class FakeClientExchange {

    final Output output = new Output();
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int status = 200;
    long contentLength = -1;
    boolean committed;
    int resets;
    Integer sentError;
    int completions;
    final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            HttpServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getOutputStream" -> output;
                case "setStatus" -> { status = (Integer) args[0]; yield null; }
                case "getStatus" -> status;
                case "setHeader" -> { headers.put((String) args[0], new ArrayList<>(List.of((String) args[1]))); yield null; }
                case "addHeader" -> { headers.computeIfAbsent((String) args[0], n -> new ArrayList<>()).add((String) args[1]); yield null; }
                case "containsHeader" -> headers.containsKey((String) args[0]);
                case "getHeader" -> headers.containsKey((String) args[0]) ? headers.get((String) args[0]).get(0) : null;
                case "setContentType" -> { headers.put("Content-Type", new ArrayList<>(List.of((String) args[0]))); yield null; }
                case "setContentLength" -> { contentLength = (Integer) args[0]; yield null; }
                case "setContentLengthLong" -> { contentLength = (Long) args[0]; yield null; }
                case "isCommitted" -> committed;
                case "reset" -> { resets++; headers.clear(); status = 200; contentLength = -1; yield null; }
                case "sendError" -> { sentError = (Integer) args[0]; yield null; }
                default -> throw new UnsupportedOperationException(method.getName());
            });
    final ServletRequest request = (ServletRequest) Proxy.newProxyInstance(ServletRequest.class.getClassLoader(),
            new Class<?>[] {ServletRequest.class}, new AttributeHandler());
    final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(AsyncContext.class.getClassLoader(),
            new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "complete" -> { completions++; committed = true; yield null; }
                case "getRequest" -> request;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    FakeClientExchange() {
        RequestContext.attach(request, "req-1");
    }

    ClientExchangeEnd end() {
        return new ClientExchangeEnd(response, async, "req-1");
    }

    /** The request's attributes, which hold its {@link RequestContext}. */
    private static final class AttributeHandler implements java.lang.reflect.InvocationHandler {
        private final Map<String, Object> attributes = new TreeMap<>();

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            return switch (method.getName()) {
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getAttribute" -> attributes.get((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
    }

    final class Output extends ServletOutputStream {
        final List<byte[]> writes = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int flushes;
        boolean ready = true;
        WriteListener listener;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] bytes) {
            writes.add(bytes);
            written.writeBytes(bytes);
        }

        @Override
        public void flush() {
            flushes++;
            committed = true;
        }

        String text() {
            return written.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
