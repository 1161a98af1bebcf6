package io.github.apigateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where a config file comes from: a description for messages, and its bytes. */
public record ConfigSource(String description, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ConfigSource {
        Objects.requireNonNull(description);
        Objects.requireNonNull(opener);
    }

    public static ConfigSource file(Path path) {
        return new ConfigSource(path.toAbsolutePath().toString(), () -> Files.newInputStream(path));
    }

    public byte[] read() {
        try (InputStream in = opener.open()) {
            if (in == null) {
                throw notFound();
            }
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw notFound();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway config " + description, e);
        }
    }

    private ConfigException notFound() {
        return new ConfigException(description, List.of(new ConfigProblem("", "file not found")));
    }
}
