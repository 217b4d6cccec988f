package io.csbridge.connectors;

import io.csbridge.outbox.VendorBudgets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vendor's requests-per-minute allowance as a connector uses it: one shared budget of every node
 * ({@link VendorBudgets}, kept in the database), so the nodes together stay within the vendor's limit,
 * plus the pause the vendor imposed (429 Retry-After), which every node then keeps.
 */
public final class RequestBudget {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final VendorBudgets budgets;
    private final String name;
    private final int perMinute;

    public RequestBudget(VendorBudgets budgets, String name, int perMinute) {
        this.budgets = budgets;
        this.name = name;
        this.perMinute = Math.max(1, perMinute);
    }

    /** Takes one request from the budget if it has one now (zero), else says how long until it will. */
    public Duration tryAcquire() {
        return budgets.take(name, perMinute, WINDOW);
    }

    /** The vendor asked everyone to wait. */
    public void pauseFor(Duration duration) {
        budgets.pause(name, duration);
    }

    /** {@code {"perMinute":200,"usedLastMinute":12,"pausedUntil":"..."}} for an operator (every node's requests). */
    public Map<String, Object> status() {
        VendorBudgets.Usage usage = budgets.usage(name, WINDOW);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("perMinute", perMinute);
        out.put("usedLastMinute", usage.used());
        usage.pausedUntil().ifPresent(until -> out.put("pausedUntil", until.toString()));
        return out;
    }
}
