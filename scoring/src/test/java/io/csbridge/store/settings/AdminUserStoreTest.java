package io.csbridge.store.settings;

import io.csbridge.store.Database;

import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminUserStoreTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Database db = TestDatabase.fresh();
    final AdminUserStore users = new AdminUserStore(db);

    @Test
    void aUserIsKeptWithTheHashAndRolesAndReplacedWhenSavedAgain() {
        assertThat(users.count()).isZero();
        assertThat(users.find("ann")).isEmpty();

        users.save("ann", "hash-1", Set.of("cs-viewer"), NOW);
        users.save("ann", "hash-2", new java.util.LinkedHashSet<>(List.of("cs-admin", "cs-viewer")), NOW);

        assertThat(users.count()).isEqualTo(1);
        assertThat(users.find("ann")).hasValueSatisfying(u -> {
            assertThat(u.passwordHash()).isEqualTo("hash-2");
            assertThat(u.roles()).containsExactly("cs-admin", "cs-viewer");
        });
    }

    @Test
    void theJournalRecordsEachChangeInItsOwnTransactionNewestFirst() {
        AuditJournal journal = new AuditJournal(db);
        journal.record(NOW, "ann", "user.save", "bob", null, "cs-viewer");
        journal.record(NOW.plusSeconds(1), "ann", "score.override", "acme", null, "{}");

        assertThat(journal.recent(null, 10)).extracting(AuditLog.Entry::action).containsExactly("score.override", "user.save");
        assertThat(journal.recent("bob", 10)).extracting(AuditLog.Entry::actor).containsExactly("ann");
    }
}
