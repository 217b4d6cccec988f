package io.csbridge.connectors.nudges;

import io.csbridge.json.Json;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.QueuedWritesChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.vendors.ChannelNames;
import io.csbridge.vendors.NudgePushSignature;
import io.csbridge.connectors.RestClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Push mode of in-app nudges (CONTRACT §7): each due nudge the push sweep queued on the outbox (channel
 * {@code nudges}) is POSTed as JSON to {@code nudges.webhook-url}, signed {@code X-CSBridge-Signature} =
 * hex HMAC-SHA256 of the body with {@code nudges.webhook-secret}, through {@link NudgeReceiverApi}. A 2xx
 * delivers; a 5xx, 408, 429 (its {@code Retry-After}) or an unreachable receiver is retried by the outbox's
 * one retry policy; another 4xx is a dead letter. The body carries {@code pushId}, the same on every attempt,
 * so a receiver can drop a repeat. Settings are read at each delivery: without a URL the channel is in
 * sandbox mode (the outbox records what it would have sent).
 */
@ApplicationScoped
public class NudgePushChannel implements QueuedWritesChannel, ChannelStatus {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Config config;
    private volatile Client client;

    private record Client(String url, NudgeReceiverApi api) {
    }

    protected NudgePushChannel() {
        // for the CDI proxy
    }

    @Inject
    public NudgePushChannel(Config config) {
        this.config = config;
    }

    /** The rest client goes with the application (a redeploy would leak its connection pool). */
    @PreDestroy
    void close() {
        Client c = client;
        if (c != null) RestClients.close(c.api());
    }

    @Override
    public String name() {
        return ChannelNames.NUDGES;
    }

    private Optional<String> url() {
        return config.getOptionalValue("nudges.webhook-url", String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private String secret() {
        return config.getOptionalValue("nudges.webhook-secret", String.class).orElse("");
    }

    @Override
    public boolean live() {
        return url().isPresent() && !secret().isBlank();
    }


    @Override
    public int maxBatch() {
        return 20;
    }

    /** A nudge is due now: nothing waits for company. */
    @Override
    public Optional<Duration> defaultLinger() {
        return Optional.of(Duration.ZERO);
    }

    /** Mode and the receiver's URL; never the secret. */
    @Override
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        url().ifPresent(u -> out.put("url", u));
        return out;
    }

    /** The exact body of a write: its fields as JSON, keys in order (what is signed is what is sent). */
    static byte[] body(OutboundWrite write) {
        return Json.write(new TreeMap<>(write.fields())).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        String url = url().orElse("(nudges.webhook-url not set)");
        List<VendorCall> calls = new ArrayList<>();
        for (OutboundWrite w : writes) calls.add(new VendorCall("POST", url, new String(body(w), StandardCharsets.UTF_8)));
        return calls;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<DeliveryOutcome> out = new ArrayList<>();
        NudgeReceiverApi api = api();
        String secret = secret();
        for (OutboundWrite w : writes) {
            byte[] body = body(w);
            out.add(outcome(w.outboxId(), () -> api.push(NudgePushSignature.sign(secret, body), body)));
        }
        return out;
    }

    static DeliveryOutcome outcome(long outboxId, java.util.function.Supplier<Response> call) {
        Response response;
        try {
            response = call.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException | IllegalStateException e) {
            return DeliveryOutcome.retry(outboxId, "nudge receiver unreachable: " + e.getMessage(), null);
        }
        try (Response r = response) {
            int status = r.getStatus();
            if (status / 100 == 2) return DeliveryOutcome.delivered(outboxId);
            String why = "nudge receiver answered " + status;
            if (status >= 500 || status == 408 || status == 429) {
                return DeliveryOutcome.retry(outboxId, why, retryAfter(r.getHeaderString(HttpHeaders.RETRY_AFTER)));
            }
            return DeliveryOutcome.rejected(outboxId, why);
        }
    }

    static Duration retryAfter(String header) {
        if (header == null) return null;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private NudgeReceiverApi api() {
        String url = url().orElseThrow(() -> new IllegalStateException("nudges.webhook-url is not set"));
        Client c = client;
        if (c == null || !c.url().equals(url)) {
            if (c != null) RestClients.close(c.api()); // the URL changed: one delivery worker per channel uses it
            c = new Client(url, RestClientBuilder.newBuilder().baseUri(URI.create(url))
                    .connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .build(NudgeReceiverApi.class));
            client = c;
        }
        return c.api();
    }
}
