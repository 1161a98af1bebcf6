package io.github.apigateway.web;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request that answers only the three header readers, from a case-insensitive map; anything else throws. */
final class HeadersOnlyRequest {

    private HeadersOnlyRequest() {
    }

    static HttpServletRequest with(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> byName.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(byName.getOrDefault((String) args[0], List.of()));
                    case "getHeaderNames" -> Collections.enumeration(List.copyOf(headers.keySet()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
