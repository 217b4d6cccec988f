package io.csbridge.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins, counted per username (whether or not such a user exists, so a refusal tells nobody who
 * does) and per client address. The first few failures of a key cost nothing; each one after them makes
 * the key wait, twice as long as the time before, up to a cap: a guesser gets a handful of tries an hour
 * while a person who mistyped waits seconds. While a key waits its logins are not even checked (429 with
 * Retry-After). A success clears the username's count; an administrator can lift a user's lockout; a key
 * with no failure for {@link #FORGET_AFTER} starts afresh. Kept in memory, per server: a restart forgets.
 */
public final class LoginThrottle {

    /** A key with no failure for this long is forgotten. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    private static final int MAX_KEYS = 50_000;

    /** How many failures a key may have before it waits, and the longest wait. */
    public record Policy(int userFreeFailures, int addressFreeFailures, Duration maxWait) {
        public static final Policy DEFAULT = new Policy(5, 20, Duration.ofMinutes(15));
    }

    private record Failures(int count, Instant last, Instant waitUntil) {
    }

    private final Clock clock;
    private final Policy policy;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, Policy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /** How long a login for {@code username} from {@code address} must still wait; empty when it may go ahead. */
    public Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = remaining(userKey(username), now);
        if (address != null) wait = longer(wait, remaining(addressKey(address), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed login. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), policy.userFreeFailures(), now);
        if (address != null) count(addressKey(address), policy.addressFreeFailures(), now);
    }

    /** A login succeeded: the user's failures are forgotten (the address's are not: it may be guessing others). */
    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    /** Until when {@code username} is locked out, if they are. */
    public Optional<Instant> lockedUntil(String username) {
        Failures f = failures.get(userKey(username));
        return f == null || !f.waitUntil().isAfter(clock.instant()) ? Optional.empty() : Optional.of(f.waitUntil());
    }

    /** Lifts {@code username}'s lockout and forgets their failures; says whether there were any. */
    public boolean lift(String username) {
        return failures.remove(userKey(username)) != null;
    }

    private void count(String key, int free, Instant now) {
        failures.compute(key, (k, f) -> {
            int count = f == null || f.last().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
            Instant waitUntil = count <= free ? now : now.plus(wait(count - free - 1));
            return new Failures(count, now, waitUntil);
        });
        if (failures.size() > MAX_KEYS) forgetOld(now);
    }

    /** 2 s after the first failure beyond the free ones, then 4 s, 8 s ... up to the cap. */
    private Duration wait(int beyondFree) {
        if (beyondFree >= 30) return policy.maxWait();
        Duration wait = FIRST_WAIT.multipliedBy(1L << beyondFree);
        return wait.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : wait;
    }

    private Duration remaining(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || !f.waitUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, f.waitUntil());
    }

    /** Keeps memory bounded: forgets quiet keys first, then, if still too many, those not waiting. */
    private void forgetOld(Instant now) {
        failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        for (Iterator<Failures> it = failures.values().iterator(); failures.size() > MAX_KEYS && it.hasNext(); ) {
            if (!it.next().waitUntil().isAfter(now)) it.remove();
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
