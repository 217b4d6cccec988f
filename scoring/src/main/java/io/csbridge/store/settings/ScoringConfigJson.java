package io.csbridge.store.settings;

import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.domain.scoring.ScoringConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/**
 * The JSON form of a {@link ScoringConfig}, as stored with its history and exchanged with the admin
 * API. Unknown fields are rejected so a typo never silently changes nothing.
 */
public final class ScoringConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ScoringConfigJson() {
    }

    public static String write(ScoringConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scoring configuration", e);
        }
    }

    /** Reads and validates; a malformed or invalid document gives an {@link InvalidConfigException}. */
    public static ScoringConfig read(String json) {
        ScoringConfig config;
        try {
            config = MAPPER.readValue(json, ScoringConfig.class);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of("not a scoring configuration: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        if (config == null) throw new InvalidConfigException(List.of("empty document"));
        return config.validated();
    }
}
