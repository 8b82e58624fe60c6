package io.tributary.server;

import io.tributary.server.config.Endpoint;
import io.tributary.server.config.ServerConfig;
import java.util.List;

/** Creates the broker after the server has read its identity and bound its listeners. */
@FunctionalInterface
public interface BrokerFactory {

    /**
     * Opens the storage in {@code config.dataDir()} (running recovery) and creates the broker on it.
     *
     * @param config     the validated configuration
     * @param meta       the data directory's identity: cluster id and node id
     * @param advertised the endpoints to send to clients, one per listener, with bound ports filled in
     */
    Broker create(ServerConfig config, MetaProperties meta, List<Endpoint> advertised) throws Exception;
}
