package io.tributary.server.config;

import java.util.Locale;

/**
 * A listener address in Kafka's {@code NAME://host:port} form.
 *
 * @param listenerName the listener's name, upper case, e.g. {@code PLAINTEXT}
 * @param host         the host name or IP literal without brackets; empty means every interface
 * @param port         the TCP port, 0 to pick a free one when binding
 */
public record Endpoint(String listenerName, String host, int port) {

    public Endpoint {
        if (listenerName.isEmpty()) {
            throw new ConfigException("Listener name must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Invalid port " + port + " of listener " + listenerName
                    + ": valid values are [0, 65535]");
        }
    }

    /**
     * Parses {@code NAME://host:port}; an IPv6 host is written in brackets.
     *
     * @throws ConfigException naming {@code setting} and the text if it is not of that form
     */
    public static Endpoint parse(String setting, String text) {
        int schemeEnd = text.indexOf("://");
        int portStart = text.lastIndexOf(':');
        if (schemeEnd <= 0 || portStart <= schemeEnd + 2) {
            throw invalid(setting, text);
        }
        String name = text.substring(0, schemeEnd).toUpperCase(Locale.ROOT);
        String host = text.substring(schemeEnd + 3, portStart);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Endpoint(name, host, Integer.parseInt(text.substring(portStart + 1)));
        } catch (NumberFormatException e) {
            throw invalid(setting, text);
        }
    }

    /** Returns this endpoint with another port. */
    public Endpoint withPort(int newPort) {
        return new Endpoint(listenerName, host, newPort);
    }

    @Override
    public String toString() {
        String printedHost = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + "://" + printedHost + ":" + port;
    }

    private static ConfigException invalid(String setting, String text) {
        return new ConfigException("Invalid value '" + text + "' in " + setting
                + ": expected NAME://host:port, e.g. PLAINTEXT://127.0.0.1:9092");
    }
}
