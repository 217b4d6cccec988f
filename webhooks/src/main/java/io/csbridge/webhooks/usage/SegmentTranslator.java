package io.csbridge.webhooks.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.usage.MessageRejected;
import io.csbridge.usage.SegmentMessages;
import io.csbridge.webhooks.HookRejection;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The webhooks' side of {@link SegmentMessages} (the one validator of usage messages, shared with the
 * history import): the same translation, a refused message answered with a 400 that says which and why.
 */
public final class SegmentTranslator {

    public static final String SOURCE = SegmentMessages.SOURCE;
    public static final String NPS_EVENT = SegmentMessages.NPS_EVENT;

    private final SegmentMessages messages;

    public SegmentTranslator(Clock clock) {
        this.messages = new SegmentMessages(clock);
    }

    /** A single message or a {@code {"batch":[...]}}, all valid or a 400. */
    public List<InboxEntry> translate(String body) {
        return answering(() -> messages.translate(body));
    }

    /** One message; {@code where} names it in the 400 ({@code batch[3]}, {@code message}). */
    public InboxEntry entry(JsonNode m, String where) {
        return answering(() -> messages.entry(m, where));
    }

    private static <T> T answering(Supplier<T> translation) {
        try {
            return translation.get();
        } catch (MessageRejected e) {
            throw new HookRejection(400, e.error(), e.getMessage());
        }
    }
}
