package io.csbridge.app.users;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.settings.AdminUserStore;
import io.csbridge.store.settings.AuditJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The people who may use the admin UI and API, and their roles. Passwords arrive already hashed: the
 * admin hashes and checks them, this keeps the hashes.
 */
@ApplicationScoped
public class AdminAccounts {

    @Inject
    Pipeline pipeline;

    /** Runs {@code action} once the database is there (now, if it is): e.g. making sure someone can log in. */
    public void whenStarted(Runnable action) {
        pipeline.whenStarted(action);
    }

    public Optional<AdminUser> find(String username) {
        return users().find(username).map(u -> new AdminUser(u.username(), u.passwordHash(), u.roles()));
    }

    /** How many users there are. */
    public long count() {
        return users().count();
    }

    /** Adds or replaces a user (as the server does, e.g. from its configuration: not audited). */
    public void save(String username, String passwordHash, Set<String> roles) {
        users().save(username, passwordHash, roles, pipeline.clock().instant());
    }

    /** Adds or replaces a user on behalf of the administrator {@code by}, who is named in the audit log. */
    public void save(String username, String passwordHash, Set<String> roles, String by) {
        save(username, passwordHash, roles);
        Instant at = pipeline.clock().instant();
        new AuditJournal(pipeline.database()).record(at, by, "user.save", username, null, String.join(",", roles));
    }

    /**
     * Notes in the audit log that the administrator {@code by} lifted {@code username}'s login lockout
     * (the lockout itself is kept by the admin's login check, in memory).
     */
    public void lockoutLifted(String username, String by) {
        new AuditJournal(pipeline.database()).record(pipeline.clock().instant(), by, "user.lockout.lift", username, null, null);
    }

    private AdminUserStore users() {
        return new AdminUserStore(pipeline.database());
    }
}
