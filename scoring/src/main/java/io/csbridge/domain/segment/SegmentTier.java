package io.csbridge.domain.segment;

/** Accounts worth at least {@code minimum} (ARR or LTV, per the policy's basis) get this touch model. */
public record SegmentTier(String label, double minimum) {
}
