/**
 * Topic administration: CreateTopics, CreatePartitions, DeleteTopics, DescribeConfigs and DeleteRecords.
 */
package io.tributary.broker.topic;
