package io.csbridge.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The {@code asOf} query parameter: a date (its whole day counts, UTC) or an instant. */
public final class AsOf {

    private AsOf() {
    }

    /** @return null when absent (meaning: now, as stored) */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("asOf must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z), not '" + value + "'");
        }
    }
}
