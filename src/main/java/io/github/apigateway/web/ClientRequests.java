package io.github.apigateway.web;

import io.github.apigateway.proxy.ClientRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/** Reads a servlet request into the proxy's {@link ClientRequest}, through the view the filters left. */
final class ClientRequests {

    private ClientRequests() {
    }

    static ClientRequest of(HttpServletRequest request) {
        List<Header> headers = new ArrayList<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                headers.add(new BasicHeader(name, values.nextElement()));
            }
        }
        return new ClientRequest(request.getMethod(), request.getScheme(), request.getRemoteAddr(),
                request.getContextPath(), request.getQueryString(), headers);
    }
}
