package io.tributary.compat.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates one isolated class loader per kafka-clients version from the jars that the build copies into
 * {@code target/clients/<version>/}, plus the compatibility driver ({@code JavaClientDriver}).
 *
 * <p>Each loader's parent is the platform class loader, so it loads JDK classes but neither the test class
 * path (which contains kafka-clients 4.4.0 through tributary-protocol) nor another version's jars.
 * Every loader carries its own slf4j-api without a provider, so client logging goes nowhere.
 *
 * <p>The driver is found as a resource of the test class path, where the build puts its jar or its classes
 * folder, and never loaded from there: only each client loader defines it, against that loader's client.
 */
final class ClientClassLoaders {

    /** System property set by the build to the directory that contains one folder per client version. */
    static final String CLIENTS_DIR_PROPERTY = "tributary.compat.clientsDir";

    private static final String DRIVER_RESOURCE = "io/tributary/compat/driver/JavaClientDriver.class";

    private ClientClassLoaders() {
    }

    /**
     * Creates a class loader over every jar in the folder of {@code version}.
     *
     * @throws IllegalStateException if the property is missing or the folder contains no jar
     */
    static URLClassLoader forVersion(String version) {
        String clientsDir = System.getProperty(CLIENTS_DIR_PROPERTY);
        if (clientsDir == null) {
            throw new IllegalStateException("System property " + CLIENTS_DIR_PROPERTY
                    + " is missing; run the tests through Maven so the client jars are copied first");
        }
        Path versionDir = Paths.get(clientsDir, version);
        List<URL> jars = jarUrls(versionDir);
        if (jars.isEmpty()) {
            throw new IllegalStateException("No jar found in " + versionDir
                    + "; run 'mvn generate-test-resources' for the compat module");
        }
        jars.add(driverLocation());
        return new URLClassLoader("kafka-clients-" + version, jars.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }

    /** Finds the jar or classes folder that contains the driver on the test class path. */
    static URL driverLocation() {
        URL resource = ClassLoader.getSystemResource(DRIVER_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(DRIVER_RESOURCE + " is not on the test class path; the compat module "
                    + "must depend on tributary-compat-driver");
        }
        String url = resource.toString();
        try {
            if (url.startsWith("jar:")) {
                return new URL(url.substring("jar:".length(), url.indexOf("!/")));
            }
            return new URL(url.substring(0, url.length() - DRIVER_RESOURCE.length()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot derive the driver's location from " + url, e);
        }
    }

    private static List<URL> jarUrls(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Invalid jar path in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + dir, e);
        }
        return urls;
    }
}
