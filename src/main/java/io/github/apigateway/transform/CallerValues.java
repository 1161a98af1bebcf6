package io.github.apigateway.transform;

import io.github.apigateway.config.TemplateVariable;

import java.util.Objects;

/**
 * The values a request's templates expand to. An anonymous caller's user and client are empty.
 *
 * @param userId   the caller's subject, or null
 * @param userName the caller's user name, or null
 * @param clientId the caller's client id, or null
 */
public record CallerValues(String userId, String userName, String clientId, String requestId) {

    public CallerValues {
        userId = Objects.requireNonNullElse(userId, "");
        userName = Objects.requireNonNullElse(userName, "");
        clientId = Objects.requireNonNullElse(clientId, "");
        requestId = Objects.requireNonNullElse(requestId, "");
    }

    public static CallerValues anonymous(String requestId) {
        return new CallerValues(null, null, null, requestId);
    }

    public String value(TemplateVariable variable) {
        switch (variable) {
            case USER_ID:
                return userId;
            case USER_NAME:
                return userName;
            case CLIENT_ID:
                return clientId;
            case REQUEST_ID:
                return requestId;
            default:
                throw new IllegalArgumentException("no value for " + variable);
        }
    }
}
