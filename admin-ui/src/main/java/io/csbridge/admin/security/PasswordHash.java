package io.csbridge.admin.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** Passwords are kept as bcrypt hashes (cost 12) and never logged. */
public final class PasswordHash {

    private static final int COST = 12;

    private PasswordHash() {
    }

    public static String of(char[] password) {
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    public static boolean matches(char[] password, String hash) {
        return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
