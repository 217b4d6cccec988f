package io.csbridge.connectors.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.json.GsonFactory;
import io.csbridge.domain.alerting.AlertThreads;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.domain.alerting.SlackUserLookups;
import io.csbridge.outbox.VendorBudgets;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.QueuedWritesChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.vendors.ChannelNames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Alerts, digests and button-press updates in Slack, through the same durable outbox as the field
 * writes. A write's fields say what it is: {@code type} = {@code alert} (an Alert's fields),
 * {@code digest} (a Digest's fields) or {@code action} ({@code channel}, {@code ts}, {@code action},
 * {@code user}, {@code at}, optional {@code text}: the alert after a button press, via chat.update).
 * At most one message per second per channel; 429 Retry-After honoured. Follow-ups of an alert (same
 * dedupe key, rule + account) reply in the thread its first message started ({@link AlertThreads}, in
 * the database, so a restart keeps it); owners are mentioned as {@link SlackOwners} resolves them.
 * {@link SlackPoster} sends each write; this class is the channel as the outbox sees it. Each post carries
 * the write's key in its metadata, and a re-delivery looks for it before posting again
 * ({@link SlackPostedMessages}), so a crash between the post and its settlement never posts twice.
 */
@ApplicationScoped
public class SlackChannel implements QueuedWritesChannel, ChannelStatus {

    private static final Logger LOG = Logger.getLogger(SlackChannel.class.getName());

    private SlackSettings settings;
    private SlackMessages messages;
    private SlackOwners owners;
    private SlackRateLimits rateLimits;
    private SlackPoster poster;
    private Slack slack;
    private MethodsClient methods;
    private CircuitBreaker breaker;

    protected SlackChannel() {
        // for the CDI proxy
    }

    @Inject
    public SlackChannel(Config config, Clock clock, AlertThreads threads, SlackUserLookups lookups, OwnerDirectory directory,
                        VendorBudgets budgets) {
        this(SlackSettings.from(Settings.from(config)), clock, Sleeper.SYSTEM, threads, lookups, directory, budgets);
    }

    public SlackChannel(SlackSettings settings, Clock clock, Sleeper sleeper, AlertThreads threads, SlackUserLookups lookups,
                        VendorBudgets budgets) {
        this(settings, clock, sleeper, threads, lookups, OwnerDirectory.NONE, budgets);
    }

    /**
     * @param threads the alert threads, kept in the database
     * @param lookups Slack's answers to owner e-mail lookups, kept in the database
     * @param directory the CRM's users, for owners it names by user id (Salesforce OwnerId)
     * @param budgets the rate limits every node shares (posts per channel, lookups, Slack's 429 pause)
     */
    public SlackChannel(SlackSettings settings, Clock clock, Sleeper sleeper, AlertThreads threads, SlackUserLookups lookups,
                        OwnerDirectory directory, VendorBudgets budgets) {
        this.settings = settings;
        this.messages = new SlackMessages(settings);
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitOpen(), clock);
        this.rateLimits = new SlackRateLimits(budgets, clock, sleeper);
        if (settings.live()) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(settings.apiUrl());
            // No SDK metrics: they call auth.test after a 429, one more request while Slack asked us to wait.
            config.setStatsEnabled(false);
            this.slack = Slack.getInstance(config);
            this.methods = slack.methods(settings.botToken().get());
        }
        this.owners = new SlackOwners(methods, lookups, directory, settings.userLookupTtl(), clock, budgets);
        this.poster = new SlackPoster(methods, messages, owners, threads, rateLimits, breaker, clock);
    }

    /** Releases the SDK's HTTP client. */
    @PreDestroy
    public void close() {
        if (slack == null) return;
        try {
            slack.close();
        } catch (Exception e) {
            LOG.fine(() -> "closing the Slack client: " + e);
        }
    }

    @Override
    public String name() {
        return ChannelNames.SLACK;
    }

    /** A Slack alert is one call whatever the batch, and people are waiting for it: nothing waits for company. */
    @Override
    public Optional<Duration> defaultLinger() {
        return Optional.of(Duration.ZERO);
    }

    /** Mode, the alert channel, a 429 pause, the circuit, the last message Slack accepted, owner lookups. Never the token. */
    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        settings.alertChannel().ifPresent(c -> out.put("alertChannel", c));
        rateLimits.pausedUntil().ifPresent(until -> out.put("pausedUntil", until.toString()));
        out.put("circuit", breaker.status());
        if (poster.lastSuccessAt() != null) out.put("lastSuccessAt", poster.lastSuccessAt().toString());
        if (live()) out.put("userLookups", owners.status());
        return out;
    }

    @Override
    public boolean live() {
        return methods != null;
    }


    @Override
    public int maxBatch() {
        return 20;
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        Gson gson = GsonFactory.createSnakeCase();
        List<VendorCall> calls = new ArrayList<>();
        for (OutboundWrite w : writes) {
            boolean update = "action".equals(w.fields().get("type"));
            SlackMessages.Message m = messages.render(w.fields());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channel", m.channel());
            if (update) body.put("ts", w.fields().get("ts"));
            body.put("text", m.text());
            body.put("blocks", m.blocks());
            if (!update) body.put("metadata", SlackPostedMessages.metadata(w.key()));
            calls.add(new VendorCall("POST", settings.apiUrl() + (update ? "chat.update" : "chat.postMessage"),
                    gson.toJson(body)));
        }
        return calls;
    }

    /** Sends the writes in order until Slack asked to wait (429) or the circuit is open: the rest wait as long. */
    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            OutboundWrite w = writes.get(i);
            Duration paused = rateLimits.pauseLeft();
            Duration wait = !paused.isZero() ? paused : breaker.waitBeforeCall();
            if (!wait.isZero()) {
                for (OutboundWrite rest : writes.subList(i, writes.size())) {
                    out.add(DeliveryOutcome.retry(rest.outboxId(), "Slack paused (rate limit or circuit open)", wait));
                }
                break;
            }
            out.add(poster.deliver(w));
        }
        return out;
    }
}
