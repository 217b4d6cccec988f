package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The outcome of each write of one sObject Collections call: one SaveResult per record, in order, so
 * one refused record never holds back the others; or the same outcome for every write of the call.
 */
final class WriteOutcomes {

    /** Record errors that pass by themselves; any other record error is the record's own, for good. */
    private static final Set<String> PASSING_RECORD_ERRORS = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG",
            "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION", "TOO_MANY_ENQUEUED_ITEMS", "QUERY_TIMEOUT",
            "ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUEST_LIMIT_EXCEEDED");

    private WriteOutcomes() {
    }

    /** One outcome per write from the SaveResult at its position. */
    static List<DeliveryOutcome> perRecord(List<OutboundWrite> writes, JsonNode results) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            OutboundWrite w = writes.get(i);
            JsonNode result = results.isArray() && i < results.size() ? results.get(i) : null;
            if (result == null) {
                out.add(DeliveryOutcome.retry(w.outboxId(), "Salesforce returned no SaveResult for this record", Duration.ZERO));
            } else if (result.path("success").asBoolean(false)) {
                out.add(DeliveryOutcome.delivered(w.outboxId()));
            } else {
                JsonNode error = result.path("errors").path(0);
                String code = error.path("statusCode").asText("UNKNOWN");
                String text = code + ": " + error.path("message").asText("") + fields(error.path("fields"));
                out.add(PASSING_RECORD_ERRORS.contains(code)
                        ? DeliveryOutcome.retry(w.outboxId(), text, Duration.ZERO)
                        : DeliveryOutcome.rejected(w.outboxId(), text));
            }
        }
        return out;
    }

    static List<DeliveryOutcome> retryAll(List<OutboundWrite> writes, String error, Duration after) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (OutboundWrite w : writes) out.add(DeliveryOutcome.retry(w.outboxId(), error, after));
        return out;
    }

    static List<DeliveryOutcome> rejectAll(List<OutboundWrite> writes, String error) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (OutboundWrite w : writes) out.add(DeliveryOutcome.rejected(w.outboxId(), error));
        return out;
    }

    private static String fields(JsonNode fields) {
        if (!fields.isArray() || fields.isEmpty()) return "";
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.asText()));
        return " " + names;
    }
}
