package io.csbridge.app.model;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.alerting.AccountFacts;
import io.csbridge.domain.alerting.AccountSnapshot;
import io.csbridge.domain.scoring.AccountEvaluation;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;

import java.time.Instant;
import java.time.LocalDate;

/** An account's state at one moment in the terms the alert rules read. */
final class AlertSnapshots {

    private AlertSnapshots() {
    }

    static AccountSnapshot of(AccountHistory history, Instant at, LiveScorer scorer) {
        AccountEvaluation e = scorer.model().evaluate(history, at);
        io.csbridge.domain.score.AccountFacts f = e.facts();
        String salesforce = key(history, AccountKey.KeyKind.SALESFORCE);
        String zendesk = key(history, AccountKey.KeyKind.ZENDESK);
        return new AccountSnapshot(history.profile().id(), scorer.score(history, at), new AccountFacts(
                history.profile().name(), f.owner(),
                f.renewalDay() == io.csbridge.domain.score.AccountFacts.NONE ? null : LocalDate.ofEpochDay(f.renewalDay()),
                Double.isNaN(f.npsLatest()) ? null : (int) f.npsLatest(),
                f.npsLatestAt() == io.csbridge.domain.score.AccountFacts.NONE ? null : Instant.ofEpochSecond(f.npsLatestAt()),
                f.urgentOpenTickets(), null, salesforce, zendesk));
    }

    private static String key(AccountHistory history, AccountKey.KeyKind kind) {
        return history.profile().keys().keys().stream().filter(k -> k.kind() == kind).map(AccountKey::value)
                .findFirst().orElse(null);
    }
}
