package io.csbridge.outbox;

import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;

import java.util.Map;
import java.util.Optional;

/**
 * A channel whose writes are queued explicitly (Slack alerts, Salesforce Tasks, nudge pushes), never for a
 * score change as such: no account maps to a target of its own and no score has fields here.
 */
public interface QueuedWritesChannel extends DeliveryChannel {

    @Override
    default Optional<String> target(AccountKeys keys) {
        return Optional.empty();
    }

    @Override
    default Map<String, Object> fields(AccountScore score) {
        return Map.of();
    }
}
