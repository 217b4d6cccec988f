package io.csbridge.admin.security;

import io.csbridge.app.users.AdminAccounts;
import io.csbridge.app.users.AdminUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Checks a username and password, the same way for the login page and for HTTP Basic: refused at once
 * while the username or the client address must wait ({@link LoginThrottle}); otherwise exactly one
 * bcrypt, against the user's hash or, for a user who does not exist, against a dummy one, so neither
 * the answer nor its timing says who exists; a pair verified in the last minutes ({@link LoginCache})
 * costs no bcrypt at all.
 */
@ApplicationScoped
public class PasswordLogins {

    /** What a login attempt came to. */
    public sealed interface Outcome {
    }

    /** The password is right: who, with which roles. */
    public record Valid(String username, Set<String> roles) implements Outcome {
    }

    /** Wrong username or password (which of the two is never said). */
    public record Invalid() implements Outcome {
    }

    /** Too many failures: not checked; try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Outcome {
    }

    @Inject
    AdminAccounts accounts;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "admin.login.free-failures", defaultValue = "5")
    int userFreeFailures;

    @Inject
    @ConfigProperty(name = "admin.login.address-free-failures", defaultValue = "20")
    int addressFreeFailures;

    @Inject
    @ConfigProperty(name = "admin.login.max-wait-seconds", defaultValue = "900")
    long maxWaitSeconds;

    private Function<String, Optional<AdminUser>> users;
    private BiPredicate<char[], String> hashes;
    private LoginThrottle throttle;
    private LoginCache cache;

    public PasswordLogins() {
        // for CDI, which injects the accounts, the clock and the settings
    }

    /** Outside CDI (tests): users from {@code users}, passwords checked by {@code hashes}. */
    PasswordLogins(Function<String, Optional<AdminUser>> users, BiPredicate<char[], String> hashes, Clock clock,
                   LoginThrottle.Policy policy) {
        this.users = users;
        this.hashes = hashes;
        this.throttle = new LoginThrottle(clock, policy);
        this.cache = new LoginCache(clock);
    }

    @PostConstruct
    void start() {
        users = accounts::find;
        hashes = PasswordHash::matches;
        throttle = new LoginThrottle(clock, new LoginThrottle.Policy(
                userFreeFailures, addressFreeFailures, Duration.ofSeconds(maxWaitSeconds)));
        cache = new LoginCache(clock);
    }

    /** Checks {@code password} for {@code username}, asked from {@code address} (null when unknown). */
    public Outcome check(String username, char[] password, String address) {
        Optional<Duration> wait = throttle.waitFor(username, address);
        if (wait.isPresent()) return new Throttled(wait.get());
        Optional<AdminUser> user = users.apply(username);
        if (user.isPresent() && cache.holds(username, password, user.get().passwordHash())) {
            return new Valid(user.get().username(), user.get().roles());
        }
        boolean matches = hashes.test(password, user.map(AdminUser::passwordHash).orElse(PasswordHash.dummy()));
        if (user.isPresent() && matches) {
            cache.remember(username, password, user.get().passwordHash());
            throttle.succeeded(username);
            return new Valid(user.get().username(), user.get().roles());
        }
        throttle.failed(username, address);
        return new Invalid();
    }

    /** Lifts {@code username}'s lockout; says whether they had failures to forget. */
    public boolean liftLockout(String username) {
        return throttle.lift(username);
    }

    /** Until when {@code username} may not log in, if locked out. */
    public Optional<java.time.Instant> lockedUntil(String username) {
        return throttle.lockedUntil(username);
    }

    /** {@code username}'s password or roles changed: no verified pair of theirs counts any more. */
    public void forget(String username) {
        cache.forget(username);
    }
}
