package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Driver;

import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CSM's override of the health score, itself a signal: so it is audited with the events, applies to
 * as-of queries exactly as it stood then, and no recompute can drop it before it expires.
 */
public final class ScoreOverride {

    private ScoreOverride() {
    }

    /** The override in force at {@code asOf}, if any: the latest one stamped by then, not cleared or expired. */
    public static Signal inForce(List<Signal> upToAsOf, Instant asOf) {
        Signal latest = null;
        for (Signal s : upToAsOf) {
            if (s.kind() == SignalKind.SCORE_OVERRIDE) latest = s;
        }
        if (latest == null || "true".equals(latest.attribute("cleared")) || !latest.hasValue()) return null;
        Instant expires = expiresAt(latest);
        return expires != null && !expires.isAfter(asOf) ? null : latest;
    }

    /** The score with the override applied: its health score and band replaced, the override the first driver. */
    public static AccountScore apply(AccountScore score, Signal override, BandThresholds bands) {
        if (override == null) return score;
        int value = (int) Math.round(Math.max(0, Math.min(100, override.value())));
        Instant expires = expiresAt(override);
        String explanation = "set to " + value + " by " + override.attribute("by") + ": " + override.attribute("reason")
                + (expires == null ? "" : " (until " + expires + ")");
        List<Driver> drivers = new ArrayList<>();
        drivers.add(new Driver("override", value, value, explanation, Map.of(
                "modelScore", score.healthScore(), "by", String.valueOf(override.attribute("by")),
                "reason", String.valueOf(override.attribute("reason")), "setAt", override.occurredAt().toString(),
                "expiresAt", expires == null ? "" : expires.toString())));
        drivers.addAll(score.drivers());
        return new AccountScore(value, bands.bandOf(value), score.churnRisk(), score.onboardingCompletion(),
                score.segment(), score.trend(), drivers, score.staleInputs(), score.asOf());
    }

    private static Instant expiresAt(Signal s) {
        String at = s.attribute("expiresAt");
        if (at == null || at.isBlank()) return null;
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
