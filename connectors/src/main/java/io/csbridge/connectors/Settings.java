package io.csbridge.connectors;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connectors' view of configuration: MicroProfile Config in the server, a plain map in tests.
 * Blank values count as unset, so an empty environment variable keeps a connector in sandbox mode.
 */
public final class Settings {

    private final Function<String, Optional<String>> source;

    private Settings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public static Settings from(Config config) {
        return new Settings(name -> config.getOptionalValue(name, String.class));
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Settings(name -> Optional.ofNullable(copy.get(name)));
    }

    public Optional<String> get(String name) {
        return source.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return get(name).map(Integer::parseInt).orElse(fallback);
    }

    public Duration getSeconds(String name, Duration fallback) {
        return get(name).map(s -> Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000))).orElse(fallback);
    }

    /** A base URL with exactly one trailing slash removed, so paths can be appended with "/". */
    public static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
