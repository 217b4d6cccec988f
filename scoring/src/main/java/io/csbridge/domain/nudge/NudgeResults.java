package io.csbridge.domain.nudge;

import java.util.List;

/**
 * What one nudge achieved: how often it was shown, clicked and dismissed, and the share of users who
 * reached its goal after entering the experiment, among those shown and among the holdout; the lift
 * is the difference of the two shares with its 95% interval (normal approximation), always with n.
 */
public final class NudgeResults {

    /** One user in one nudge's experiment: in the holdout or shown, and whether they reached the goal since. */
    public record Entry(boolean holdout, boolean goalReached) {
    }

    /** A share of a group: {@code reached} of {@code n}. */
    public record Share(int n, int reached, Double rate) {
        static Share of(int n, int reached) {
            return new Share(n, reached, n == 0 ? null : (double) reached / n);
        }
    }

    /**
     * @param lift     shown rate minus holdout rate, or null while either group is empty
     * @param liftLow  lower end of its 95% interval, or null
     * @param liftHigh upper end, or null
     */
    public record Result(String nudgeId, int shown, int clicked, int dismissed, Share shownGroup, Share holdoutGroup,
                         Double lift, Double liftLow, Double liftHigh) {
    }

    private NudgeResults() {
    }

    public static Result of(String nudgeId, int shown, int clicked, int dismissed, List<Entry> entries) {
        int n1 = 0, k1 = 0, n0 = 0, k0 = 0;
        for (Entry e : entries) {
            if (e.holdout()) {
                n0++;
                if (e.goalReached()) k0++;
            } else {
                n1++;
                if (e.goalReached()) k1++;
            }
        }
        Share treated = Share.of(n1, k1);
        Share held = Share.of(n0, k0);
        if (n1 == 0 || n0 == 0) return new Result(nudgeId, shown, clicked, dismissed, treated, held, null, null, null);
        double p1 = treated.rate();
        double p0 = held.rate();
        double lift = p1 - p0;
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
        return new Result(nudgeId, shown, clicked, dismissed, treated, held, lift, lift - 1.96 * se, lift + 1.96 * se);
    }
}
