package io.github.apigateway.web;

import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers, as JSON, both the errors the container raises itself (mapped as the application's error page,
 * e.g. a URI the container refuses) and requests to unknown {@code /_gateway/} paths. Only the status is
 * taken from the container; its exception and message never reach the client. A request body the client
 * framed wrongly is its error (400) whatever status the container gives it: Tomcat 10.1 may report it
 * to its error page as a failure of the application (500) before the proxy has answered.
 */
final class GatewayErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        GatewayException error = errorOf(request);
        String requestId = response.getHeader(GatewayHeaders.REQUEST_ID);
        if (requestId == null) {
            requestId = RequestIds.acceptOrCreate(request.getHeader(GatewayHeaders.REQUEST_ID));
            response.setHeader(GatewayHeaders.REQUEST_ID, requestId);
        }
        ErrorResponses.send(response, error, requestId);
    }

    private static GatewayException errorOf(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && MalformedRequestBody.isCause(failure)) {
            return GatewayException.badRequest("The request body is malformed.");
        }
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            return forStatus(status);
        }
        return new GatewayException(404, "not_found", "No gateway endpoint at this path.");
    }

    private static GatewayException forStatus(int status) {
        return switch (status) {
            case 400 -> GatewayException.badRequest("The request is malformed.");
            case 404 -> new GatewayException(404, "not_found", "Not found.");
            case 405 -> new GatewayException(405, "method_not_allowed", "Method not allowed.");
            case 408 -> new GatewayException(408, "request_timeout", "The request took too long to arrive.");
            case 413 -> new GatewayException(413, "payload_too_large", "The request is too large.");
            case 414 -> new GatewayException(414, "uri_too_long", "The request URI is too long.");
            case 431 -> new GatewayException(431, "request_header_fields_too_large", "The request headers are too large.");
            case 503 -> new GatewayException(503, "service_unavailable", "The gateway is not available.");
            default -> status >= 400 && status < 500
                    ? new GatewayException(status, "bad_request", "The request was refused.")
                    : new GatewayException(500, "internal_error", "The gateway could not process the request.");
        };
    }
}
