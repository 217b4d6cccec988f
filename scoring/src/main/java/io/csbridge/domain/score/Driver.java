package io.csbridge.domain.score;

import java.util.Map;

/**
 * One reason behind a score: a measure, its 0-100 value, how many points it contributed to the
 * total, and the input values it was computed from.
 */
public record Driver(String measure, double value, double contribution, String explanation,
                     Map<String, Object> inputs) {

    public Driver {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }
}
