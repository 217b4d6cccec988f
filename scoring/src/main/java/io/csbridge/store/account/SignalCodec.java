package io.csbridge.store.account;

import io.csbridge.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signals as they are stored in the inbox (JSON), so the processor needs no vendor format. */
public final class SignalCodec {

    private SignalCodec() {
    }

    public static String encode(List<Signal> signals) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Signal s : signals) {
            ObjectNode node = array.addObject();
            node.put("keyKind", s.account().kind().name());
            node.put("key", s.account().value());
            node.put("kind", s.kind().name());
            node.put("at", s.occurredAt().toString());
            node.put("name", s.name());
            node.put("user", s.user());
            if (s.hasValue()) node.put("value", s.value());
            ObjectNode attributes = node.putObject("attributes");
            s.attributes().forEach(attributes::put);
        }
        return array.toString();
    }

    public static List<Signal> decode(String json) {
        try {
            List<Signal> out = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(json)) {
                Map<String, String> attributes = new LinkedHashMap<>();
                node.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
                out.add(new Signal(
                        new AccountKey(AccountKey.KeyKind.valueOf(node.get("keyKind").asText()), node.get("key").asText()),
                        SignalKind.valueOf(node.get("kind").asText()),
                        Instant.parse(node.get("at").asText()),
                        node.path("name").asText(""),
                        node.path("user").asText(""),
                        node.has("value") ? node.get("value").asDouble() : Double.NaN,
                        attributes));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored signals are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
