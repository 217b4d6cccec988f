package io.csbridge.domain.score;

import java.util.Map;

/**
 * The input value of one measure for one account, with the numbers behind it and a line a person
 * reads; or, when the account has no input for it, why not ({@code missing}).
 */
public record MeasureReading(double input, String explanation, Map<String, Object> inputs, String missing) {

    public MeasureReading {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public static MeasureReading of(double input, String explanation, Map<String, Object> inputs) {
        return new MeasureReading(input, explanation, inputs, null);
    }

    public static MeasureReading missing(String why) {
        return new MeasureReading(Double.NaN, null, Map.of(), why);
    }

    public boolean isMissing() {
        return missing != null;
    }
}
