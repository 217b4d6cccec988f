package io.csbridge.store.account;

import io.csbridge.domain.account.AccountKey;

import io.csbridge.domain.scoring.ActivityScorer;
import io.csbridge.store.Database;
import io.csbridge.processing.EventProcessor;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityReviewTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Database db = TestDatabase.fresh();
    final Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { });
    final EventProcessor processor = new EventProcessor(db, ActivityScorer::new, List::of, clock, 50);
    final IdentityReview review = new IdentityReview(db, processor, clock);

    @AfterEach
    void close() {
        inbox.close();
    }

    @Test
    void anUnmatchedUserWaitsInTheReviewQueueAndJoinsTheAccountItIsLinkedTo() {
        accept("g", new Signal(AccountKey.product("acme"), SignalKind.ACCOUNT_TRAITS, NOW.minusSeconds(9000), "group", "",
                Double.NaN, Map.of("name", "Acme")));
        accept("t1", event(AccountKey.productUser("stranger"), NOW.minusSeconds(600)));
        accept("t2", event(AccountKey.productUser("stranger"), NOW.minusSeconds(300)));
        processor.processBatch();

        assertThat(review.unmatched(10)).singleElement().satisfies(u -> {
            assertThat(u.value()).isEqualTo("stranger");
            assertThat(u.signals()).isEqualTo(2);
        });
        assertThat(review.link(AccountKey.productUser("stranger"), "acme", "alice")).isEqualTo(2);

        assertThat(review.unmatched(10)).isEmpty();
        assertThat(new AccountCatalog(db).signalCount("acme")).isEqualTo(3);
        // Later events from that user go straight to the account.
        accept("t3", event(AccountKey.productUser("stranger"), NOW.minusSeconds(60)));
        processor.processBatch();
        assertThat(new AccountCatalog(db).signalCount("acme")).isEqualTo(4);
        assertThat(TestDatabase.count(db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'identity.link' AND actor = 'alice'")).isEqualTo(1);
    }

    @Test
    void mergingTwoAccountsKeepsEveryKeyAndSignalAndTheOldIdStillResolves() {
        accept("a", event(AccountKey.product("acme-app"), NOW.minusSeconds(5000)));
        accept("b", event(AccountKey.zendesk("9001"), NOW.minusSeconds(4000)));
        accept("c", event(AccountKey.zendesk("9001"), NOW.minusSeconds(3000)));
        processor.processBatch();

        review.merge("acme-app", "9001", "alice");

        AccountCatalog catalog = new AccountCatalog(db);
        assertThat(catalog.signalCount("acme-app")).isEqualTo(3);
        assertThat(catalog.canonicalId("9001")).isEqualTo("acme-app");
        assertThat(db.inTransaction(c -> new AccountDirectory(db).keys(c, "acme-app")).asContractMap())
                .containsEntry("product", "acme-app").containsEntry("zendesk", "9001");
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM account")).isEqualTo(1);
        // New events with the merged account's key land on the survivor.
        accept("d", event(AccountKey.zendesk("9001"), NOW.minusSeconds(100)));
        processor.processBatch();
        assertThat(catalog.signalCount("acme-app")).isEqualTo(4);
    }

    @Test
    void aKeyThatAlreadyBelongsToAnAccountCannotBeLinkedElsewhere() {
        accept("a", event(AccountKey.product("one"), NOW.minusSeconds(50)));
        accept("b", event(AccountKey.product("two"), NOW.minusSeconds(40)));
        processor.processBatch();

        assertThatThrownBy(() -> review.link(AccountKey.product("one"), "two", "alice"))
                .hasMessageContaining("already belongs to account 'one'");
    }

    private void accept(String id, Signal s) {
        inbox.accept(List.of(new InboxEntry("test", id, s.occurredAt(), "{}", List.of(s))));
    }

    private static Signal event(AccountKey key, Instant at) {
        return new Signal(key, SignalKind.PRODUCT_EVENT, at, "Report Viewed", "", Double.NaN, Map.of());
    }
}
