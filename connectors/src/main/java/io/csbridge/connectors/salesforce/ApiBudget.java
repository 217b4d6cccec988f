package io.csbridge.connectors.salesforce;

import io.csbridge.outbox.VendorBudgetNames;
import io.csbridge.outbox.VendorBudgets;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps CS Bridge inside its share of the org's daily API allowance, which every integration and
 * user of the org shares. Reads {@code Sforce-Limit-Info: api-usage=USED/LIMIT} from every response;
 * once usage reaches the allowance minus the reserve, writes wait (and an operator is warned) until
 * {@code recheck} has passed, when one call is let through to read the usage again. The hold is shared
 * by every node ({@link VendorBudgets}, budget {@link VendorBudgetNames#SALESFORCE_API}): the node that
 * learns the reserve is reached holds the others too, and after {@code recheck} one call of one node
 * re-reads the usage.
 */
final class ApiBudget {

    private static final Logger LOG = Logger.getLogger(ApiBudget.class.getName());
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final int reservePercent;
    private final Duration recheck;
    private final VendorBudgets budgets;
    private long used = -1;
    private long limit = -1;

    ApiBudget(int reservePercent, Duration recheck, VendorBudgets budgets) {
        this.reservePercent = Math.max(0, Math.min(100, reservePercent));
        this.recheck = recheck;
        this.budgets = budgets;
    }

    /**
     * Records the usage a response reported.
     *
     * @return true when this usage is the one that reached the reserve (writes were flowing until now)
     */
    synchronized boolean observe(String limitInfo) {
        if (limitInfo == null) return false;
        Matcher m = API_USAGE.matcher(limitInfo);
        if (!m.find()) return false;
        used = Long.parseLong(m.group(1));
        limit = Long.parseLong(m.group(2));
        if (exhausted()) {
            boolean reached = heldUntil().isEmpty();
            if (reached) {
                LOG.warning(() -> "Salesforce API usage " + used + "/" + limit + " reached CS Bridge's share ("
                        + (100 - reservePercent) + "%): writes are deferred on every node");
            }
            budgets.holdFor(VendorBudgetNames.SALESFORCE_API, recheck);
            return reached;
        }
        budgets.release(VendorBudgetNames.SALESFORCE_API);
        return false;
    }

    /** What an operator is told when the reserve is reached. */
    synchronized java.util.Map<String, Object> notice() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("used", used);
        out.put("limit", limit);
        out.put("share", 100 - reservePercent);
        heldUntil().ifPresent(until -> out.put("until", until.toString()));
        return out;
    }

    /** Empty when a call may go out, else how long to wait. */
    Optional<Duration> deferral() {
        // one call of one node re-reads the usage once the hold has ended; the others keep waiting
        return budgets.passOrWait(VendorBudgetNames.SALESFORCE_API, recheck);
    }

    private Optional<Instant> heldUntil() {
        return budgets.usage(VendorBudgetNames.SALESFORCE_API, Duration.ZERO).pausedUntil();
    }

    private boolean exhausted() {
        return limit > 0 && used * 100 >= limit * (100L - reservePercent);
    }

    /** Usage as last reported, the reserve, and until when writes wait, for an operator. */
    synchronized java.util.Map<String, Object> status() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (used >= 0) {
            out.put("used", used);
            out.put("limit", limit);
        }
        out.put("reservePercent", reservePercent);
        heldUntil().ifPresent(until -> out.put("deferredUntil", until.toString()));
        return out;
    }

    synchronized String describe() {
        return used < 0 ? "unknown" : used + "/" + limit + " (reserve " + reservePercent + "%)";
    }
}
