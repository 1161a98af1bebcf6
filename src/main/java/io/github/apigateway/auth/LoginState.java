package io.github.apigateway.auth;

import java.io.Serializable;

/**
 * One browser's login state, opaque outside this package: a login under way ({@link PendingLogin}) or
 * a completed one ({@link BrowserSession}), never both, since a login starts only for a browser
 * without one and completing it replaces the pending state. Serializable, so a store may persist it
 * or keep it in the cluster.
 */
public sealed interface LoginState extends Serializable permits PendingLogin, BrowserSession {
}
