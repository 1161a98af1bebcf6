package io.github.apigateway.web;

import io.github.apigateway.auth.LoginState;
import io.github.apigateway.auth.LoginStateStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The browser's login state in the container's {@code HttpSession}, as one attribute. Reading never
 * starts a session, so API calls leave none behind. Lives for one request; the container makes the
 * session itself safe for the browser's concurrent requests.
 */
final class HttpSessionLoginStore implements LoginStateStore {

    private static final String ATTRIBUTE = LoginState.class.getName();

    private final HttpServletRequest request;

    HttpSessionLoginStore(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public LoginState load() {
        HttpSession session = request.getSession(false);
        return session == null ? null : (LoginState) session.getAttribute(ATTRIBUTE);
    }

    @Override
    public void save(LoginState state) {
        request.getSession(true).setAttribute(ATTRIBUTE, state);
    }

    @Override
    public void clear() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
