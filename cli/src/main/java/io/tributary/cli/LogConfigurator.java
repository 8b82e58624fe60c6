package io.tributary.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Configures Logback for the {@code tributary} command in code, found by Logback through
 * {@code META-INF/services}. Parsing an XML configuration costs the broker about a tenth of a second of
 * its start-up, so the command's fixed setup is built directly: every logger writes to standard error in
 * the form {@code 2026-01-31T12:00:00.000 INFO  [main] Broker - message}, Kafka's client logs at WARN and
 * the request log ({@code io.tributary.request}) is off unless asked for.
 *
 * <p>Environment: {@code TRIBUTARY_LOG_LEVEL} sets the root level (default INFO) and
 * {@code TRIBUTARY_REQUEST_LOG_LEVEL} the request log's (DEBUG turns it on). A configuration file given
 * with {@code -Dlogback.configurationFile=FILE}, or a {@code logback-test.xml} on the class path of a
 * test, replaces all of this.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "TRIBUTARY_LOG_LEVEL";
    static final String REQUEST_LEVEL_VARIABLE = "TRIBUTARY_REQUEST_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String configFile = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        if (configFile != null) {
            if (configurationExists(configFile)) {
                return ExecutionStatus.INVOKE_NEXT_IF_ANY;
            }
            System.err.println("tributary: -D" + ClassicConstants.CONFIG_FILE_PROPERTY + "=" + configFile
                    + " names no file, class path resource or URL; using the built-in logging setup");
        } else if (LogConfigurator.class.getClassLoader().getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(LEVEL_VARIABLE));
        root.addAppender(appender);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        context.getLogger("io.netty").setLevel(Level.INFO);
        context.getLogger("io.tributary.request").setLevel(level(REQUEST_LEVEL_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Returns true if Logback can read {@code name} the ways it tries: as a URL, a class path resource or a file. */
    private static boolean configurationExists(String name) {
        try {
            new URL(name);
            return true;
        } catch (MalformedURLException e) {
            if (LogConfigurator.class.getClassLoader().getResource(name) != null) {
                return true;
            }
            try {
                return Files.isReadable(Path.of(name));
            } catch (InvalidPathException notAPath) {
                return false;
            }
        }
    }

    /**
     * Returns the level named by an environment variable: INFO when it is unset or not a level name, which is
     * reported.
     */
    private Level level(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(value.trim(), null);
        if (level == null) {
            System.err.println("tributary: " + variable + "=" + value
                    + " is not a log level; using INFO (use TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
            return Level.INFO;
        }
        return level;
    }

    /** One line per event: local time to the millisecond, level padded to 5, thread, logger's simple name, message. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {

        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

        private final ZoneId zone = ZoneId.systemDefault();

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            TIME.formatTo(LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone), line);
            line.append(' ');
            String level = event.getLevel().toString();
            line.append(level);
            for (int pad = level.length(); pad < 5; pad++) {
                line.append(' ');
            }
            line.append(" [").append(event.getThreadName()).append("] ");
            String logger = event.getLoggerName();
            line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
            line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            return line.toString();
        }
    }
}
