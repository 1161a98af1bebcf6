package io.github.apigateway.auth;

/** One browser's login state held in a field, as a test's browser. */
final class MemoryLoginStore implements LoginStateStore {

    private LoginState state;

    MemoryLoginStore() {
    }

    MemoryLoginStore(LoginState state) {
        this.state = state;
    }

    @Override
    public LoginState load() {
        return state;
    }

    @Override
    public void save(LoginState state) {
        this.state = state;
    }

    @Override
    public void clear() {
        state = null;
    }
}
