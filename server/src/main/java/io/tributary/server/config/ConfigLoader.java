package io.tributary.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges the configuration sources into a {@link LoadedConfig}. Precedence, highest first: command-line
 * settings ({@code --set name=value}, {@code --data-dir}), {@code TRIBUTARY_<NAME>} environment variables
 * (the name upper-cased with dots as underscores), the properties file given with {@code --config}, and the
 * defaults of {@link BrokerConfigs}.
 *
 * <p>A Kafka setting listed in {@link IgnoredKafkaConfigs} is kept aside and reported as ignored. Any other
 * unknown name, and any invalid value, fails loading with one {@link ConfigException} that lists every
 * problem found, each naming the setting, its source and the nearest valid name or the valid values.
 */
public final class ConfigLoader {

    /** The prefix of environment variables that set a setting. */
    public static final String ENV_PREFIX = "TRIBUTARY_";

    /**
     * Environment variables with the prefix that belong to the launcher or to the logging configuration
     * of the command line, not to the broker.
     */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("TRIBUTARY_JAVA_OPTS", "TRIBUTARY_HOME",
            "TRIBUTARY_LOG_LEVEL", "TRIBUTARY_REQUEST_LOG_LEVEL", "TRIBUTARY_CLASS_DATA");

    private final Map<String, ConfigValue> known = new HashMap<>();
    private final Map<String, ConfigValue> ignored = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    private ConfigLoader() {
    }

    /**
     * Loads the configuration without a {@code --data-dir} flag.
     *
     * @see #load(Path, Map, Map, Path)
     */
    public static LoadedConfig load(Path file, Map<String, String> environment, Map<String, String> commandLine) {
        return load(file, environment, commandLine, null);
    }

    /**
     * Loads the configuration.
     *
     * @param file        the properties file, or null for none
     * @param environment the process environment; only variables starting with {@value #ENV_PREFIX} are read
     * @param commandLine {@code --set} settings, applied in iteration order so a later one wins
     * @param dataDir     the {@code --data-dir} flag, or null for none; it sets log.dirs and wins over
     *                    {@code --set log.dirs}
     * @throws ConfigException listing every unknown name and invalid value, or if the file cannot be read
     */
    public static LoadedConfig load(Path file, Map<String, String> environment, Map<String, String> commandLine,
                                    Path dataDir) {
        ConfigLoader loader = new ConfigLoader();
        if (file != null) {
            loader.readFile(file);
        }
        loader.readEnvironment(environment);
        commandLine.forEach((name, text) -> loader.accept(name.trim(), text, ConfigSource.COMMAND_LINE, "--set"));
        if (dataDir != null) {
            loader.accept(BrokerConfigs.LOG_DIRS.name(), dataDir.toString(), ConfigSource.COMMAND_LINE, "--data-dir");
        }
        return loader.finish();
    }

    /** Loads the defaults overridden by {@code settings}, as tests and embedding code do. */
    public static LoadedConfig fromSettings(Map<String, String> settings) {
        return load(null, Map.of(), settings);
    }

    /** Returns the environment variable that sets {@code name}, e.g. TRIBUTARY_LOG_DIRS for log.dirs. */
    public static String environmentVariable(String name) {
        return ENV_PREFIX + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private void readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e);
        }
        String origin = file.toString();
        new TreeMap<>(properties).forEach((name, text) ->
                accept(name.toString().trim(), text.toString(), ConfigSource.FILE, origin));
    }

    private void readEnvironment(Map<String, String> environment) {
        Map<String, String> namesByVariable = new HashMap<>();
        for (String name : BrokerConfigs.ALL.keySet()) {
            namesByVariable.put(environmentVariable(name), name);
        }
        for (String name : IgnoredKafkaConfigs.NAMES) {
            namesByVariable.put(environmentVariable(name), name);
        }
        new TreeMap<>(environment).forEach((variable, text) -> {
            if (!variable.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(variable)) {
                return;
            }
            String name = namesByVariable.get(variable);
            if (name == null && variable.startsWith(ENV_PREFIX + "ZOOKEEPER_")) {
                name = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (name == null) {
                String guess = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                errors.add("Unknown setting in environment variable " + variable + hint(guess, true));
                return;
            }
            accept(name, text, ConfigSource.ENVIRONMENT, variable);
        });
    }

    private void accept(String name, String text, ConfigSource source, String origin) {
        ConfigValue value = new ConfigValue(name, text, source, origin);
        if (BrokerConfigs.ALL.containsKey(name)) {
            known.put(name, value);
        } else if (IgnoredKafkaConfigs.isIgnored(name)) {
            ignored.put(name, value);
        } else {
            errors.add("Unknown setting '" + name + "' from " + source.label() + " (" + origin + ")"
                    + hint(name, false));
        }
    }

    private static String hint(String name, boolean environmentForm) {
        return NearestName.find(name, BrokerConfigs.ALL.keySet())
                .map(nearest -> environmentForm
                        ? ": did you mean " + environmentVariable(nearest) + " (" + nearest + ")?"
                        : ": did you mean '" + nearest + "'?")
                .orElse(": see docs/configuration.md for the valid names");
    }

    private LoadedConfig finish() {
        Map<String, Object> parsed = new HashMap<>();
        Map<String, ConfigValue> effective = new LinkedHashMap<>();
        for (ConfigDef<?> def : BrokerConfigs.ALL.values()) {
            ConfigValue value = known.getOrDefault(def.name(),
                    new ConfigValue(def.name(), def.printDefault(), ConfigSource.DEFAULT, "default"));
            effective.put(def.name(), value);
            if (value.text() != null && def != BrokerConfigs.LOG_SEGMENT_BYTES) {
                parseInto(parsed, value, def::parse);
            }
        }

        // The minimum of log.segment.bytes depends on message.max.bytes, so the error names the real minimum
        Object messageMaxBytes = parsed.get(BrokerConfigs.MESSAGE_MAX_BYTES.name());
        Validator<? super Long> segmentRange = messageMaxBytes == null
                ? BrokerConfigs.LOG_SEGMENT_BYTES.validator()
                : BrokerConfigs.logSegmentBytesRange((Long) messageMaxBytes);
        parseInto(parsed, effective.get(BrokerConfigs.LOG_SEGMENT_BYTES.name()),
                text -> BrokerConfigs.LOG_SEGMENT_BYTES.parse(text, segmentRange));
        failIfErrors();

        ParsedConfig values = new ParsedConfig(parsed, effective);
        ServerConfig config;
        try {
            config = ServerConfig.from(values, ignored);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            failIfErrors();
            throw e;
        }
        return new LoadedConfig(config, List.copyOf(effective.values()), List.copyOf(ignored.values()));
    }

    /** Parses one value into {@code parsed}, or records the error with the value's source. */
    private void parseInto(Map<String, Object> parsed, ConfigValue value, Function<String, ?> parser) {
        try {
            parsed.put(value.name(), parser.apply(value.text()));
        } catch (ConfigException e) {
            errors.add(e.getMessage() + " (from " + value.source().label() + ", " + value.origin() + ")");
        }
    }

    private void failIfErrors() {
        if (errors.size() == 1) {
            throw new ConfigException(errors.get(0));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", errors));
        }
    }
}
