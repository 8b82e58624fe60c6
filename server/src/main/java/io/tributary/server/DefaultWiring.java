package io.tributary.server;

import io.tributary.protocol.codec.KafkaRequestDecoder;
import io.tributary.protocol.codec.KafkaResponseEncoder;
import io.tributary.server.config.Endpoint;
import io.tributary.server.config.ServerConfig;
import java.util.List;

/** The production implementations of the codec and the broker, as the server wires them by default. */
final class DefaultWiring {

    private DefaultWiring() {
    }

    static Codec codec() {
        return new Codec(new KafkaRequestDecoder(), new KafkaResponseEncoder());
    }

    // TODO: open storage and create the broker's dispatcher once the broker module provides them.
    static Broker createBroker(ServerConfig config, MetaProperties meta, List<Endpoint> advertised) {
        throw new IllegalStateException("The broker is not built into this version of Tributary");
    }
}
