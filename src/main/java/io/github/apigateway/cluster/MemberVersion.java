package io.github.apigateway.cluster;

/**
 * One member of the cluster and the config version it serves.
 *
 * @param address the member's cluster address ({@code host:port})
 * @param version null when the member has not told the cluster (still starting, or of an older gateway)
 * @param local   whether it is this node
 */
public record MemberVersion(String address, ConfigVersion version, boolean local) {
}
