package io.tributary.it.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The import rules between Tributary's modules. Only the protocol module may use Kafka's classes
 * (kafka-clients' generated messages and record codecs). Storage depends on neither the network nor the
 * broker, and the protocol module depends on neither storage nor the broker.
 */
final class LayeringRules {

    static final ArchRule BROKER_AND_SERVER_DO_NOT_USE_KAFKA = noClasses()
            .that().resideInAnyPackage("io.tributary.storage..", "io.tributary.broker..", "io.tributary.server..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
            .as("storage, broker and server import nothing from org.apache.kafka");

    static final ArchRule STORAGE_KNOWS_NO_NETWORK = noClasses()
            .that().resideInAPackage("io.tributary.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.netty..", "io.tributary.protocol..", "io.tributary.broker..", "io.tributary.server..")
            .as("storage depends on neither the network nor the layers above it");

    static final ArchRule PROTOCOL_KNOWS_NO_STORAGE = noClasses()
            .that().resideInAPackage("io.tributary.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.tributary.storage..", "io.tributary.broker..", "io.tributary.server..")
            .as("protocol depends on neither storage nor the layers above it");

    static final ArchRule BROKER_DOES_NOT_USE_SERVER = noClasses()
            .that().resideInAPackage("io.tributary.broker..")
            .should().dependOnClassesThat().resideInAPackage("io.tributary.server..")
            .as("broker does not depend on the server that wires it");

    static final List<ArchRule> ALL = List.of(
            BROKER_AND_SERVER_DO_NOT_USE_KAFKA,
            STORAGE_KNOWS_NO_NETWORK,
            PROTOCOL_KNOWS_NO_STORAGE,
            BROKER_DOES_NOT_USE_SERVER);

    private LayeringRules() {
    }
}
