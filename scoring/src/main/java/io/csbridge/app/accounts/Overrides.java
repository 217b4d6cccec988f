package io.csbridge.app.accounts;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.settings.AuditJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A CSM sets an account's health score with a reason and an expiry, or clears it. The override is an
 * event like any other (accepted through the inbox, so durable and replayed by as-of queries) and audited;
 * the scorer applies it until it expires, so no recompute drops it.
 */
@ApplicationScoped
public class Overrides {

    /** An expiry that is not in the future: an override always ends, later than now. */
    public static final class ExpiryNotInFuture extends IllegalArgumentException {
        ExpiryNotInFuture() {
            super("expiresAt must be in the future");
        }
    }

    @Inject
    Pipeline pipeline;

    @Inject
    AccountQueries accounts;

    /**
     * @return the canonical id of the account, once the override is accepted; empty when there is no such account
     * @throws ExpiryNotInFuture when {@code expiresAt} is not after now
     */
    public Optional<String> set(String accountId, int healthScore, String reason, Instant expiresAt, String by) {
        Instant now = pipeline.clock().instant();
        if (!expiresAt.isAfter(now)) throw new ExpiryNotInFuture();
        Optional<String> canonical = accounts.canonicalId(accountId);
        if (canonical.isEmpty()) return canonical;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", reason.strip());
        attributes.put("expiresAt", expiresAt.toString());
        attributes.put("by", by);
        return Optional.of(record(new Signal(AccountKey.account(canonical.get()), SignalKind.SCORE_OVERRIDE, now,
                "override", by, healthScore, attributes), by, "score.override"));
    }

    /** @return the canonical id of the account, once the clearing is accepted; empty when there is no such account */
    public Optional<String> clear(String accountId, String by) {
        Instant now = pipeline.clock().instant();
        Optional<String> canonical = accounts.canonicalId(accountId);
        if (canonical.isEmpty()) return canonical;
        return Optional.of(record(new Signal(AccountKey.account(canonical.get()), SignalKind.SCORE_OVERRIDE, now,
                "override", by, Double.NaN, Map.of("cleared", "true", "by", by)), by, "score.override.clear"));
    }

    private String record(Signal signal, String by, String action) {
        String payload = Json.write(Map.of("account", signal.account().value(), "kind", signal.kind().name(),
                "value", signal.hasValue() ? signal.value() : "", "attributes", signal.attributes()));
        pipeline.inbox().accept(List.of(new InboxEntry("admin", "override:" + UUID.randomUUID(), signal.occurredAt(),
                payload, List.of(signal))));
        new AuditJournal(pipeline.database()).record(signal.occurredAt(), by, action, signal.account().value(), null, payload);
        return signal.account().value();
    }
}
