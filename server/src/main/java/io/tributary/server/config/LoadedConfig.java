package io.tributary.server.config;

import java.util.List;
import org.slf4j.Logger;

/**
 * The result of loading: the validated configuration and, for the start-up log, where each value came from.
 *
 * @param config   the validated configuration
 * @param settings every implemented setting with its effective value and source, in documentation order
 * @param ignored  the Kafka settings that were given but are not implemented, sorted by name
 */
public record LoadedConfig(ServerConfig config, List<ConfigValue> settings, List<ConfigValue> ignored) {

    /** Logs every setting with its value and source, then each ignored Kafka setting once. */
    public void log(Logger log) {
        log.info("[Config] Settings in effect (value, source):");
        for (ConfigValue setting : settings) {
            String origin = setting.source() == ConfigSource.DEFAULT ? "" : " " + setting.origin();
            log.info("[Config]   {} = {} ({}{})", setting.name(), setting.text() == null ? "(unset)" : setting.text(),
                    setting.source().label(), origin);
        }
        settings.stream()
                .filter(setting -> setting.name().equals(BrokerConfigs.NUM_IO_THREADS.name()))
                .filter(setting -> setting.source() != ConfigSource.DEFAULT)
                .forEach(setting -> log.info("[Config] num.io.threads is not used: requests are handled on the "
                        + "num.network.threads event-loop threads"));
        for (ConfigValue setting : ignored) {
            log.info("[Config] Ignoring Kafka setting {} = {} from {} ({}): Tributary does not implement it",
                    setting.name(), printable(setting), setting.source().label(), setting.origin());
        }
    }

    /** Hides the values of ignored secrets such as ssl.keystore.password. */
    private static String printable(ConfigValue setting) {
        String name = setting.name();
        boolean secret = name.contains("password") || name.contains("secret") || name.contains("jaas");
        return secret ? "[hidden]" : setting.text();
    }
}
