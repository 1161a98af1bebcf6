package io.github.apigateway.cluster;

/** This node's view of the gateway cluster, as the health endpoint reports it. */
public interface ClusterMembership {

    /** How many members this node sees, itself included. */
    int memberCount();

    /** A gateway without a cluster: the node is the only member. */
    ClusterMembership STANDALONE = () -> 1;
}
