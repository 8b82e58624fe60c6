package io.tributary.server.config;

import java.util.Set;

/**
 * Kafka 4.4 broker settings that Tributary accepts and ignores, so that a Kafka {@code server.properties}
 * starts unchanged. Most concern replication, KRaft, security or retention, which a single Tributary broker
 * does not have. The list covers every name in Kafka's stock {@code config/server.properties} and the
 * settings commonly added to it; any other unknown name stops start-up.
 */
public final class IgnoredKafkaConfigs {

    /** The ignored names. Names prefixed {@code zookeeper.} are ignored too, see {@link #isIgnored}. */
    public static final Set<String> NAMES = Set.of(
            // KRaft and cluster membership
            "process.roles", "broker.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "controller.listener.names", "inter.broker.listener.name", "listener.security.protocol.map",
            "broker.rack", "metadata.log.dir", "metadata.log.segment.bytes", "metadata.log.max.record.bytes.between.snapshots",
            "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms",
            "initial.broker.registration.timeout.ms", "broker.heartbeat.interval.ms", "broker.session.timeout.ms",
            "early.start.listeners",
            // Replication and internal topics
            "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "transaction.state.log.num.partitions",
            "share.coordinator.state.topic.replication.factor", "share.coordinator.state.topic.min.isr",
            "min.insync.replicas", "num.replica.fetchers", "replica.lag.time.max.ms",
            "unclean.leader.election.enable", "auto.leader.rebalance.enable", "offsets.retention.minutes",
            "offsets.topic.segment.bytes", "offsets.commit.timeout.ms",
            // Storage tasks Tributary does not run yet
            "num.recovery.threads.per.data.dir", "log.retention.hours", "log.retention.minutes", "log.retention.ms",
            "log.retention.bytes", "log.retention.check.interval.ms", "log.cleanup.policy", "log.cleaner.enable",
            "log.cleaner.threads", "log.preallocate", "log.flush.scheduler.interval.ms",
            "log.flush.offset.checkpoint.interval.ms", "log.flush.start.offset.checkpoint.interval.ms",
            "log.segment.delete.delay.ms", "compression.type",
            // Network and request handling tuned differently in Tributary
            "queued.max.requests", "queued.max.request.bytes", "max.connections", "max.connections.per.ip",
            "request.timeout.ms", "group.coordinator.rebalance.protocols", "group.consumer.session.timeout.ms",
            "group.consumer.heartbeat.interval.ms", "group.share.enable", "share.coordinator.state.topic.num.partitions",
            // Security, quotas and metrics
            "authorizer.class.name", "super.users", "allow.everyone.if.no.acl.found", "sasl.enabled.mechanisms",
            "sasl.mechanism.inter.broker.protocol", "ssl.keystore.location", "ssl.keystore.password",
            "ssl.key.password", "ssl.truststore.location", "ssl.truststore.password", "ssl.client.auth",
            "metric.reporters", "metrics.num.samples", "metrics.sample.window.ms", "auto.include.jmx.reporter");

    private IgnoredKafkaConfigs() {
    }

    /** Returns true if {@code name} is a Kafka broker setting that Tributary ignores. */
    public static boolean isIgnored(String name) {
        return NAMES.contains(name) || name.startsWith("zookeeper.");
    }
}
