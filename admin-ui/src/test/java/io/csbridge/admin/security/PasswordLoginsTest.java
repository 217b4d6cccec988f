package io.csbridge.admin.security;

import io.csbridge.testing.MutableClock;
import io.csbridge.app.users.AdminUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The login check with a fake password hash that records each (expensive) verification it is asked for. */
class PasswordLoginsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final Map<String, AdminUser> users = new HashMap<>();
    final List<String> verifiedAgainst = new ArrayList<>();
    final PasswordLogins logins = new PasswordLogins(name -> Optional.ofNullable(users.get(name)), (password, hash) -> {
        verifiedAgainst.add(hash);
        return hash.equals("hash-of:" + new String(password));
    }, clock, new LoginThrottle.Policy(5, 20, Duration.ofMinutes(15)));

    PasswordLoginsTest() {
        users.put("ann", new AdminUser("ann", "hash-of:right-password", Set.of("cs-admin")));
    }

    @Test
    void theRightPasswordLogsIn() {
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.1"))
                .isEqualTo(new PasswordLogins.Valid("ann", Set.of("cs-admin")));
    }

    @Test
    void anUnknownUserCostsTheSameOneVerificationAsAWrongPassword() {
        assertThat(logins.check("ann", "wrong".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Invalid.class);
        assertThat(verifiedAgainst).containsExactly("hash-of:right-password");
        verifiedAgainst.clear();
        assertThat(logins.check("nobody", "wrong".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Invalid.class);
        assertThat(verifiedAgainst).containsExactly(PasswordHash.dummy());
    }

    @Test
    void anUnknownUserIsThrottledExactlyLikeAKnownOne() {
        List<Class<?>> known = new ArrayList<>();
        List<Class<?>> unknown = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            known.add(logins.check("ann", "wrong".toCharArray(), "10.0.0.1").getClass());
            unknown.add(logins.check("nobody", "wrong".toCharArray(), "10.0.0.2").getClass());
        }
        assertThat(unknown).isEqualTo(known);
        assertThat(known.subList(0, 6)).containsOnly(PasswordLogins.Invalid.class);
        assertThat(known.subList(6, 8)).containsOnly(PasswordLogins.Throttled.class);
    }

    @Test
    void afterAFewFailuresLoginsWaitLongerAndLongerWithoutBeingChecked() {
        for (int i = 0; i < 6; i++) logins.check("ann", "guess".toCharArray(), "10.0.0." + i);
        verifiedAgainst.clear();
        var first = logins.check("ann", "right-password".toCharArray(), "10.0.0.50");
        assertThat(first).isEqualTo(new PasswordLogins.Throttled(Duration.ofSeconds(2)));
        assertThat(verifiedAgainst).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(logins.check("ann", "guess".toCharArray(), "10.0.0.51")).isInstanceOf(PasswordLogins.Invalid.class);
        assertThat(logins.check("ann", "guess".toCharArray(), "10.0.0.52"))
                .isEqualTo(new PasswordLogins.Throttled(Duration.ofSeconds(4)));
        clock.advance(Duration.ofSeconds(4));
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.53")).isInstanceOf(PasswordLogins.Valid.class);
        assertThat(logins.check("ann", "guess".toCharArray(), "10.0.0.54")).isInstanceOf(PasswordLogins.Invalid.class);
    }

    @Test
    void aLiftedLockoutLetsTheUserInAtOnce() {
        for (int i = 0; i < 10; i++) logins.check("ann", "guess".toCharArray(), "10.0.0." + i);
        assertThat(logins.lockedUntil("ann")).isPresent();
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.100")).isInstanceOf(PasswordLogins.Throttled.class);
        assertThat(logins.liftLockout("ann")).isTrue();
        assertThat(logins.lockedUntil("ann")).isEmpty();
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.100")).isInstanceOf(PasswordLogins.Valid.class);
    }

    @Test
    void repeatedBasicCallsCostOneVerificationUntilTheCacheExpires() {
        for (int i = 0; i < 50; i++) {
            assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Valid.class);
        }
        assertThat(verifiedAgainst).hasSize(1);
        clock.advance(LoginCache.TTL.plusSeconds(1));
        logins.check("ann", "right-password".toCharArray(), "10.0.0.1");
        assertThat(verifiedAgainst).hasSize(2);
    }

    @Test
    void theCacheNeverAcceptsAWrongPasswordAndForgetsAChangedOne() {
        logins.check("ann", "right-password".toCharArray(), "10.0.0.1");
        assertThat(logins.check("ann", "right-passwore".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Invalid.class);

        users.put("ann", new AdminUser("ann", "hash-of:new-password", Set.of("cs-admin")));
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Invalid.class);
        assertThat(logins.check("ann", "new-password".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Valid.class);

        users.remove("ann");
        assertThat(logins.check("ann", "new-password".toCharArray(), "10.0.0.1")).isInstanceOf(PasswordLogins.Invalid.class);
    }

    @Test
    void aCachedLoginSeesTheRolesAsTheyAreNow() {
        logins.check("ann", "right-password".toCharArray(), "10.0.0.1");
        users.put("ann", new AdminUser("ann", "hash-of:right-password", Set.of("cs-viewer")));
        assertThat(logins.check("ann", "right-password".toCharArray(), "10.0.0.1"))
                .isEqualTo(new PasswordLogins.Valid("ann", Set.of("cs-viewer")));
    }
}
