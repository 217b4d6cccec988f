package io.csbridge.app.users;

import java.util.Set;

/** A person who may use the admin UI and API, with their roles; the password only as its hash. */
public record AdminUser(String username, String passwordHash, Set<String> roles) {
}
