package io.csbridge.connectors;

import io.csbridge.outbox.VendorBudgets;
import io.csbridge.store.Database;
import io.csbridge.store.budgets.BudgetStore;
import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    final Database db = TestDatabase.fresh();

    @Test
    void noMoreThanTheAllowanceGoesOutInAnyMinute() {
        RequestBudget budget = new RequestBudget(new BudgetStore(db, clock), "zendesk.requests", 3);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire()).isZero();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void twoNodesOnOneDatabaseShareOneAllowance() {
        RequestBudget nodeA = new RequestBudget(new BudgetStore(db, clock), "zendesk.requests", 4);
        RequestBudget nodeB = new RequestBudget(new BudgetStore(db, clock), "zendesk.requests", 4);
        assertThat(nodeA.tryAcquire()).isZero();
        assertThat(nodeB.tryAcquire()).isZero();
        assertThat(nodeA.tryAcquire()).isZero();
        assertThat(nodeB.tryAcquire()).isZero();
        assertThat(nodeA.tryAcquire()).isPositive();
        assertThat(nodeB.tryAcquire()).isPositive();
        assertThat(nodeB.status()).containsEntry("usedLastMinute", 4);
    }

    @Test
    void aVendorPauseOnOneNodeHoldsEveryNodeUntilItEnds() {
        RequestBudget nodeA = new RequestBudget(new BudgetStore(db, clock), "zendesk.requests", 100);
        RequestBudget nodeB = new RequestBudget(new BudgetStore(db, clock), "zendesk.requests", 100);
        nodeA.pauseFor(Duration.ofSeconds(7));
        assertThat(nodeB.tryAcquire()).isEqualTo(Duration.ofSeconds(7));
        assertThat(nodeB.status()).containsKey("pausedUntil");
        clock.advance(Duration.ofSeconds(7));
        assertThat(nodeB.tryAcquire()).isZero();
    }

    @Test
    void aHeldReserveLetsOneCallOfOneNodeReReadItAfterTheRecheck() {
        VendorBudgets nodeA = new BudgetStore(db, clock);
        VendorBudgets nodeB = new BudgetStore(db, clock);
        assertThat(nodeA.passOrWait("salesforce.api", Duration.ofMinutes(15))).isEmpty();
        nodeA.holdFor("salesforce.api", Duration.ofMinutes(15));
        assertThat(nodeB.passOrWait("salesforce.api", Duration.ofMinutes(15))).contains(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(nodeB.passOrWait("salesforce.api", Duration.ofMinutes(15))).isEmpty();
        assertThat(nodeA.passOrWait("salesforce.api", Duration.ofMinutes(15))).contains(Duration.ofMinutes(15));
        nodeB.release("salesforce.api");
        assertThat(nodeA.passOrWait("salesforce.api", Duration.ofMinutes(15))).isEmpty();
    }
}
