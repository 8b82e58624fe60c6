/**
 * Topic administration: CreateTopics, CreatePartitions, DeleteTopics and DescribeConfigs.
 */
package io.tributary.broker.topic;
