package io.csbridge.store.alerts;

import io.csbridge.store.Database;

import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.alerting.AlertMemoryUnavailable;
import io.csbridge.domain.alerting.SlackUserLookups.Answer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Slack connector's memory on the real database (H2 here, PostgreSQL when DB_URL is set). */
class SlackStoresTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    final Database db = TestDatabase.fresh();

    @Test
    void aThreadStartedInAChannelIsFoundByAnotherStoreOnTheSameDatabase() {
        new AlertThreadStore(db).started("C0ALERTS", "entered-red:acme", "1772366400.000100", AT);
        AlertThreadStore later = new AlertThreadStore(db);
        assertThat(later.threadOf("C0ALERTS", "entered-red:acme")).contains("1772366400.000100");
        assertThat(later.threadOf("C0OTHER", "entered-red:acme")).isEmpty();
        assertThat(later.threadOf("C0ALERTS", "entered-red:globex")).isEmpty();
    }

    @Test
    void theFirstThreadRecordedForAnAlertKeyHoldsWhenASecondNodeStartsOne() {
        AlertThreadStore one = new AlertThreadStore(db);
        AlertThreadStore two = new AlertThreadStore(db);
        assertThat(one.started("C0ALERTS", "entered-red:acme", "1.000100", AT)).isEqualTo("1.000100");
        assertThat(two.started("C0ALERTS", "entered-red:acme", "2.000200", AT.plusSeconds(1))).isEqualTo("1.000100");
        assertThat(one.threadOf("C0ALERTS", "entered-red:acme")).contains("1.000100");
    }

    @Test
    void aLookupAnswerIsKeptPerAddressInAnyCaseAndReplacedByTheNextOne() {
        SlackUserLookupStore lookups = new SlackUserLookupStore(db);
        assertThat(lookups.last("jane@acme.com")).isEmpty();
        lookups.remember("Jane@Acme.com ", new Answer(null, AT));
        assertThat(new SlackUserLookupStore(db).last("jane@acme.com")).contains(new Answer(null, AT));

        lookups.remember("jane@acme.com", new Answer("U0JANE", AT.plusSeconds(86_400)));
        assertThat(lookups.last("JANE@ACME.COM")).hasValueSatisfying(a -> {
            assertThat(a.found()).isTrue();
            assertThat(a.slackUserId()).isEqualTo("U0JANE");
            assertThat(a.at()).isEqualTo(AT.plusSeconds(86_400));
        });
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM slack_user_lookup")).isEqualTo(1);
    }

    @Test
    void aDatabaseFailureIsTheAlertMemoryBeingUnavailable() {
        db.inTransaction(c -> c.createStatement().executeUpdate("DROP TABLE slack_thread"));
        assertThatThrownBy(() -> new AlertThreadStore(db).threadOf("C0ALERTS", "entered-red:acme"))
                .isInstanceOf(AlertMemoryUnavailable.class).hasCauseInstanceOf(Database.DatabaseException.class);
        db.inTransaction(c -> c.createStatement().executeUpdate("DROP TABLE slack_user_lookup"));
        assertThatThrownBy(() -> new SlackUserLookupStore(db).last("jane@acme.com")).isInstanceOf(AlertMemoryUnavailable.class);
    }
}
