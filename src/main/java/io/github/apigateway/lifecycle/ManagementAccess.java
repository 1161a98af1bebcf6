package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.ManagementSettings;
import io.github.apigateway.http.Cidr;

/**
 * Who may read the gateway's management endpoints ({@code /_gateway/metrics}): a caller whose address is
 * in {@code management.allow_from} (loopback unless configured), or one whose verified bearer token holds
 * an {@code admin_roles} role; nobody else. Immutable.
 *
 * @param tokensVerifiable whether the config lets the gateway verify bearer tokens at all
 */
public record ManagementAccess(ManagementSettings settings, boolean tokensVerifiable) {

    /** @param address the client's address (trusted proxies applied), an IP literal */
    public boolean admitsAddress(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        byte[] parsed = Cidr.parseAddress(bare);
        if (parsed == null) {
            return false;
        }
        for (Cidr block : settings.allowFrom()) {
            if (block.contains(parsed)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a bearer token could admit a caller from elsewhere: admin roles are set and tokens can be verified. */
    public boolean acceptsTokens() {
        return tokensVerifiable && !settings.adminRoles().isEmpty();
    }

    public boolean admitsCaller(Identity caller) {
        return caller != null && caller.hasAnyRole(settings.adminRoles());
    }
}
