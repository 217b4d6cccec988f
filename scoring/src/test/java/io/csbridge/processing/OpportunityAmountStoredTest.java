package io.csbridge.processing;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.scoring.ActivityScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.csbridge.processing.PipelineTest.NOW;
import static io.csbridge.processing.PipelineTest.traits;
import static org.assertj.core.api.Assertions.assertThat;

/** A signal's number (an Opportunity's amount, an NPS score) is stored with it, whatever account key it came by. */
class OpportunityAmountStoredTest {

    final MutableClock clock = new MutableClock(NOW);
    final Database db = TestDatabase.fresh();
    final EventProcessor processor = new EventProcessor(db, ActivityScorer::new, List::of, clock, 50);

    @Test
    void aClosedOpportunityKeepsItsAmountInTheStore() {
        Signal won = new Signal(AccountKey.salesforce("001A"), SignalKind.OPPORTUNITY_CLOSED, NOW.minus(Duration.ofDays(3)),
                "006A", "", 20000.0, Map.of("type", "upsell", "outcome", "won", "salesforceAccountId", "001A"));
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            inbox.accept(List.of(traits("g-1", "acme", "Acme", "001A")));
            inbox.accept(List.of(new InboxEntry("salesforce", "Opportunity/006A/closed-won", won.occurredAt(), "{}", List.of(won))));
        }
        while (processor.processBatch() > 0) { }
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal WHERE kind = 'OPPORTUNITY_CLOSED'")).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal WHERE kind = 'OPPORTUNITY_CLOSED' AND num_value = 20000"))
                .as("the amount").isEqualTo(1);
    }
}
