package io.csbridge.admin.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashTest {

    @Test
    void aPasswordOfAnyLengthCountsInFull() {
        String longPassword = "p".repeat(200) + "-end";
        String hash = PasswordHash.of(longPassword.toCharArray());
        assertThat(hash).startsWith(PasswordHash.PREHASHED);
        assertThat(PasswordHash.matches(longPassword.toCharArray(), hash)).isTrue();
        // bcrypt alone would read only the first 72 bytes and accept this one too
        assertThat(PasswordHash.matches(("p".repeat(200) + "-END").toCharArray(), hash)).isFalse();
        String japanese = "長いパスワード".repeat(10);
        assertThat(PasswordHash.matches(japanese.toCharArray(), PasswordHash.of(japanese.toCharArray()))).isTrue();
    }

    @Test
    void hashesMadeBeforeThePrehashStillVerify() {
        String legacy = BCrypt.withDefaults().hashToString(4, "it-admin-password".toCharArray());
        assertThat(PasswordHash.matches("it-admin-password".toCharArray(), legacy)).isTrue();
        assertThat(PasswordHash.matches("it-admin-passworD".toCharArray(), legacy)).isFalse();
        // a long password against such a hash is simply wrong, never a server error
        assertThat(PasswordHash.matches("x".repeat(100).toCharArray(), legacy)).isFalse();
    }

    @Test
    void theDummyHashMatchesNothingAndIsAsCostlyAsARealOne() {
        assertThat(PasswordHash.dummy()).startsWith(PasswordHash.PREHASHED + "$2a$12$");
        assertThat(PasswordHash.matches("".toCharArray(), PasswordHash.dummy())).isFalse();
        assertThat(PasswordHash.of("x".toCharArray())).startsWith(PasswordHash.PREHASHED + "$2a$12$");
    }
}
