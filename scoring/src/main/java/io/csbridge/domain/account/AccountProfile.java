package io.csbridge.domain.account;

import java.time.Instant;

/**
 * Who an account is, as the admin API and the scorers see it.
 *
 * @param id        the key the first source gave the account
 * @param createdAt when CS Bridge first saw it (the earliest event time)
 */
public record AccountProfile(String id, String name, AccountKeys keys, Instant createdAt) {
}
