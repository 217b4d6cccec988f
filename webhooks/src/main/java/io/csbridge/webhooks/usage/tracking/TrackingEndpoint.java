package io.csbridge.webhooks.usage.tracking;

import java.util.List;
import java.util.Locale;

/**
 * The paths of Segment's HTTP Tracking API under {@code /hooks/usage/v1/}, each with the size Segment
 * allows it: a batch ({@code batch}, or {@code import}, where analytics-java posts) up to 500 KB, a
 * single call up to 32 KB, the same 32 KB for each message inside a batch. analytics.js names them by
 * their first letter ({@code /t}, {@code /i}, {@code /p}, {@code /g}, {@code /s}, {@code /a}, and
 * {@code /b} for its batching mode); those are the same endpoints.
 */
enum TrackingEndpoint {
    BATCH, IMPORT, TRACK, IDENTIFY, GROUP, PAGE, SCREEN, ALIAS;

    /** The JAX-RS path template: every endpoint, with or without the trailing slash libraries add. */
    static final String PATH = "{endpoint: (?:batch|import|track|identify|group|page|screen|alias|[abgipst])/?}";
    static final int MESSAGE_LIMIT = 32 * 1024;
    static final int BATCH_LIMIT = 500 * 1024;

    static TrackingEndpoint of(String path) {
        String name = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (name.length() == 1) {
            for (TrackingEndpoint endpoint : List.of(BATCH, TRACK, IDENTIFY, GROUP, PAGE, SCREEN, ALIAS)) {
                if (endpoint.type().charAt(0) == name.charAt(0)) return endpoint;
            }
        }
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    boolean batch() {
        return this == BATCH || this == IMPORT;
    }

    /** The Segment {@code type} a single-call endpoint stands for. */
    String type() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The most the request may hold once inflated. */
    int limit() {
        return batch() ? BATCH_LIMIT : MESSAGE_LIMIT;
    }

    /** How a refusal names what was too large. */
    String describeLimit() {
        return batch() ? "a batch request is limited to 500 KB" : "a single call is limited to 32 KB";
    }
}
