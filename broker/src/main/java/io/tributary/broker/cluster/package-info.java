/**
 * Metadata and DescribeCluster: this node as the only broker and controller.
 */
package io.tributary.broker.cluster;
