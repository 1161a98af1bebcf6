package io.github.apigateway.config;

import io.github.apigateway.http.Cidr;

import java.util.List;
import java.util.Set;

/**
 * Who may read the gateway's own endpoints: callers from {@code allowFrom}, or with a verified bearer
 * token holding one of {@code adminRoles}.
 *
 * @param allowFrom  {@code management.allow_from}; loopback only when the config does not say
 * @param adminRoles {@code management.admin_roles}; empty: no token admits a caller
 */
public record ManagementSettings(List<Cidr> allowFrom, Set<String> adminRoles) {

    public static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("::1/128"));

    public ManagementSettings {
        allowFrom = List.copyOf(allowFrom);
        adminRoles = Set.copyOf(adminRoles);
    }
}
