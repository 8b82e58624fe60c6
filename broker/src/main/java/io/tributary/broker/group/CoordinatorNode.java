package io.tributary.broker.group;

/**
 * The broker that FindCoordinator names as the coordinator: this node, as clients reach it.
 *
 * @param nodeId this broker's node id
 * @param host   the advertised host name
 * @param port   the advertised port
 */
public record CoordinatorNode(int nodeId, String host, int port) {
}
