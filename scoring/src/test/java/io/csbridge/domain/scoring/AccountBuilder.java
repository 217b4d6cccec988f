package io.csbridge.domain.scoring;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds an account's signals for tests, in the words of the domain. */
public final class AccountBuilder {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final String id;
    private final AccountKey key;
    private final List<Signal> signals = new ArrayList<>();

    private AccountBuilder(String id) {
        this.id = id;
        this.key = AccountKey.product(id);
    }

    public static AccountBuilder account(String id) {
        return new AccountBuilder(id);
    }

    public static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofSeconds((long) (days * 86_400)));
    }

    public AccountBuilder add(SignalKind kind, Instant at, String name, String user, double value, String... keyValues) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) attributes.put(keyValues[i], keyValues[i + 1]);
        signals.add(new Signal(key, kind, at, name, user, value, attributes));
        return this;
    }

    public AccountBuilder used(Instant at, String event, String user) {
        return add(SignalKind.PRODUCT_EVENT, at, event, user, Double.NaN);
    }

    /** One event by {@code user} on each of the given days ago. */
    public AccountBuilder usedOnDaysAgo(String user, double... daysAgo) {
        for (double d : daysAgo) used(daysAgo(d), "Report Viewed", user);
        return this;
    }

    public AccountBuilder traits(Instant at, String... keyValues) {
        return add(SignalKind.ACCOUNT_TRAITS, at, "group", "", Double.NaN, keyValues);
    }

    public AccountBuilder ticket(SignalKind kind, Instant at, String ticketId, String... keyValues) {
        return add(kind, at, ticketId, "", Double.NaN, keyValues);
    }

    public AccountBuilder nps(Instant at, double answer, String user) {
        return add(SignalKind.NPS_ANSWER, at, "NPS Answered", user, answer);
    }

    public AccountBuilder satisfaction(Instant at, boolean good) {
        return add(SignalKind.SATISFACTION_RATED, at, "t-" + at.getEpochSecond(), "", good ? 1 : 0);
    }

    public AccountBuilder milestone(Instant at, String key) {
        return add(SignalKind.MILESTONE_REACHED, at, key, "", Double.NaN);
    }

    public AccountBuilder opportunity(Instant at, String type, String outcome, double amount) {
        return add(SignalKind.OPPORTUNITY_CLOSED, at, "o-" + signals.size(), "", amount, "type", type, "outcome", outcome);
    }

    public List<Signal> signals() {
        return List.copyOf(signals);
    }

    public AccountHistory history() {
        Instant first = signals.stream().map(Signal::occurredAt).min(Instant::compareTo).orElse(NOW);
        return new AccountHistory(new AccountProfile(id, id, new AccountKeys(List.of(key)), first), signals);
    }
}
