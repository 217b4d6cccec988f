package io.csbridge.admin.security;

import io.csbridge.app.users.AdminAccounts;
import io.csbridge.app.users.AdminUser;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FirstAdministratorTest {

    /** The user table in memory. */
    static final class InMemoryAccounts extends AdminAccounts {
        final Map<String, AdminUser> users = new HashMap<>();

        @Override
        public void whenStarted(Runnable action) {
            action.run();
        }

        @Override
        public Optional<AdminUser> find(String username) {
            return Optional.ofNullable(users.get(username));
        }

        @Override
        public long count() {
            return users.size();
        }

        @Override
        public void save(String username, String passwordHash, Set<String> roles) {
            users.put(username, new AdminUser(username, passwordHash, roles));
        }
    }

    @Test
    void aLongAdminPasswordCreatesTheAdministrator() {
        String password = "correct horse battery staple, and then some more words ".repeat(3);
        InMemoryAccounts accounts = new InMemoryAccounts();
        FirstAdministrator first = new FirstAdministrator();
        first.users = accounts;
        first.adminUser = Optional.of("root");
        first.adminPassword = Optional.of(password);
        first.onStart(new Object());

        AdminUser root = accounts.find("root").orElseThrow();
        assertThat(root.roles()).containsExactly("cs-admin");
        assertThat(PasswordHash.matches(password.toCharArray(), root.passwordHash())).isTrue();
        assertThat(PasswordHash.matches(password.substring(0, 72).toCharArray(), root.passwordHash())).isFalse();
    }
}
