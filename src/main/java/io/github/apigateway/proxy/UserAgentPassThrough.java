package io.github.apigateway.proxy;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The HTTP client adds its own {@code User-Agent} to requests without one; a proxy must not invent a
 * header the client did not send, so it is taken out again when the client sent none.
 */
public final class UserAgentPassThrough implements HttpRequestInterceptor {

    public static final String CLIENT_SENT_NONE = UserAgentPassThrough.class.getName() + ".none";

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        if (context.getAttribute(CLIENT_SENT_NONE) != null) {
            request.removeHeaders("User-Agent");
        }
    }
}
