package io.csbridge.admin.security;

import io.csbridge.admin.Roles;
import io.csbridge.app.users.AdminAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure someone can log in: from {@code ADMIN_USER}/{@code ADMIN_PASSWORD} when set (kept in
 * step with them), otherwise, on an empty user table only, user {@code admin} with a random password
 * printed once to the log.
 */
@ApplicationScoped
public class FirstAdministrator {

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    AdminAccounts users;

    @Inject
    @ConfigProperty(name = "ADMIN_USER")
    Optional<String> adminUser;

    @Inject
    @ConfigProperty(name = "ADMIN_PASSWORD")
    Optional<String> adminPassword;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        users.whenStarted(this::ensureAdministrator);
    }

    private void ensureAdministrator() {
        if (adminUser.isPresent() && adminPassword.isPresent() && !adminPassword.get().isBlank()) {
            var existing = users.find(adminUser.get());
            if (existing.isEmpty() || !PasswordHash.matches(adminPassword.get().toCharArray(), existing.get().passwordHash())) {
                users.save(adminUser.get(), PasswordHash.of(adminPassword.get().toCharArray()), Set.of(Roles.ADMIN));
                LOG.info(() -> "administrator '" + adminUser.get() + "' set from ADMIN_USER/ADMIN_PASSWORD");
            }
            return;
        }
        if (users.count() == 0) {
            String password = randomPassword();
            users.save("admin", PasswordHash.of(password.toCharArray()), Set.of(Roles.ADMIN));
            LOG.warning("No ADMIN_USER/ADMIN_PASSWORD set: created administrator 'admin' with password " + password
                    + " (shown once; set ADMIN_PASSWORD to choose your own)");
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return out.toString();
    }
}
