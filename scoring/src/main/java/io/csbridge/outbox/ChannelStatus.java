package io.csbridge.outbox;

import java.util.Map;

/**
 * Optional for a {@link DeliveryChannel}: what an operator should see about the connector besides its
 * mode (e.g. Salesforce API budget used and left, a rate-limit pause, an open circuit breaker). Values
 * are plain JSON-able types; never credentials.
 */
public interface ChannelStatus {

    Map<String, Object> status();
}
