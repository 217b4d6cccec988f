package io.csbridge.store;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The schema migrations, found through the list the build writes beside them ({@code db/migration/index.txt})
 * instead of a class-path scan: inside WildFly a scan would need JBoss VFS, a private server module.
 */
final class MigrationScripts implements ResourceProvider {

    static final String DIRECTORY = "db/migration";

    private final ClassLoader classLoader;
    private final Location location = new Location("classpath:" + DIRECTORY);
    private final List<String> fileNames;

    MigrationScripts(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.fileNames = readIndex(classLoader);
    }

    private static List<String> readIndex(ClassLoader classLoader) {
        String index = DIRECTORY + "/index.txt";
        try (InputStream in = classLoader.getResourceAsStream(index)) {
            if (in == null) throw new IllegalStateException(index + " is missing (the scoring build writes it)");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        return fileNames.contains(fileName) ? resource(fileName) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return fileNames.stream()
                .filter(f -> f.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(f::endsWith))
                .map(this::resource).toList();
    }

    private LoadableResource resource(String fileName) {
        return new ClassPathResource(location, DIRECTORY + "/" + fileName, classLoader, StandardCharsets.UTF_8);
    }
}
