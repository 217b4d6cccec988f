package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.Target;
import feign.jackson.JacksonEncoder;
import feign.http2client.Http2Client;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.Settings;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.json.Json;
import io.csbridge.alerts.OperatorNotice;
import io.csbridge.outbox.OutboundWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one connection to the customer's Salesforce org, shared by every Salesforce channel: its token,
 * its API budget and its circuit breaker. Writes sObject Collections and maps each SaveResult to an
 * outcome of its own write, so one refused record never holds back the others.
 */
@ApplicationScoped
public class SalesforceOrg {

    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class.getName());
    /** Record errors that pass by themselves; any other record error is the record's own, for good. */
    private static final Set<String> PASSING_RECORD_ERRORS = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG",
            "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION", "TOO_MANY_ENQUEUED_ITEMS", "QUERY_TIMEOUT",
            "ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUEST_LIMIT_EXCEEDED");

    private SalesforceSettings settings;
    private SalesforceApi api;
    private SalesforceTokens tokens;
    private ApiBudget budget;
    private CircuitBreaker breaker;
    private Clock clock;
    private volatile java.time.Instant lastSuccessAt;
    private Consumer<OperatorNotice> notices;

    protected SalesforceOrg() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceOrg(Config config, Clock clock, Event<OperatorNotice> notices) {
        this(SalesforceSettings.from(Settings.from(config)), clock, notices::fire);
    }

    public SalesforceOrg(SalesforceSettings settings, Clock clock) {
        this(settings, clock, notice -> { });
    }

    /** @param notices told when the API reserve is reached or the org's allowance is exhausted */
    public SalesforceOrg(SalesforceSettings settings, Clock clock, Consumer<OperatorNotice> notices) {
        this.settings = settings;
        this.notices = notices;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        Request.Options options = new Request.Options(settings.timeout().toMillis(), TimeUnit.MILLISECONDS,
                settings.timeout().toMillis(), TimeUnit.MILLISECONDS, false);
        // The outbox retries with backoff: Feign itself never retries. No Feign logger: tokens stay out of logs.
        this.api = Feign.builder().client(new Http2Client(http)).options(options).retryer(Retryer.NEVER_RETRY)
                .encoder(new JacksonEncoder(Json.MAPPER)).target(Target.EmptyTarget.create(SalesforceApi.class));
        SalesforceApi.OAuth oauth = Feign.builder().client(new Http2Client(http)).options(options)
                .retryer(Retryer.NEVER_RETRY).target(Target.EmptyTarget.create(SalesforceApi.OAuth.class));
        this.tokens = new SalesforceTokens(settings, oauth, clock);
        this.budget = new ApiBudget(settings.apiReservePercent(), Duration.ofMinutes(15), clock);
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitOpen(), clock);
        this.clock = clock;
    }

    /**
     * What an operator sees: mode and flow, the org's API usage as last reported (Sforce-Limit-Info),
     * the reserve left to others and until when writes are deferred, the circuit, the last success.
     */
    public java.util.Map<String, Object> status() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        if (live()) out.put("flow", settings.jwtBearer() ? "jwt-bearer" : "client-credentials");
        out.put("apiVersion", apiVersion());
        out.put("apiUsage", budget.status());
        out.put("circuit", breaker.status());
        if (lastSuccessAt != null) out.put("lastSuccessAt", lastSuccessAt.toString());
        return out;
    }

    public SalesforceSettings settings() {
        return settings;
    }

    public boolean live() {
        return settings.live();
    }

    /** PATCH composite/sobjects: updates existing records. */
    public List<DeliveryOutcome> update(List<OutboundWrite> writes, List<Map<String, Object>> records) {
        return save(true, writes, records);
    }

    /** POST composite/sobjects: creates records (Tasks). */
    public List<DeliveryOutcome> create(List<OutboundWrite> writes, List<Map<String, Object>> records) {
        return save(false, writes, records);
    }

    private List<DeliveryOutcome> save(boolean update, List<OutboundWrite> writes, List<Map<String, Object>> records) {
        if (writes.isEmpty()) return List.of();
        Optional<Duration> deferral = budget.deferral();
        if (deferral.isPresent()) {
            return retryAll(writes, "Salesforce API budget reserve reached (usage " + budget.describe() + ")",
                    deferral.get());
        }
        Duration wait = breaker.waitBeforeCall();
        if (!wait.isZero()) return retryAll(writes, "Salesforce circuit open", wait);
        Map<String, Object> body = Map.of("allOrNone", false, "records", records);
        try {
            SalesforceTokens.Session session = tokens.session();
            Reply reply = call(update, session, body);
            if (reply.status == 401) {
                LOG.info("Salesforce session expired: minting a new token");
                reply = call(update, tokens.mint(session), body);
            }
            return outcomes(writes, reply);
        } catch (SalesforceTokens.TokenException e) {
            breaker.failure();
            return retryAll(writes, e.getMessage(), e.retryable ? Duration.ZERO : settings.circuitOpen());
        } catch (FeignException | IOException e) {
            breaker.failure();
            return retryAll(writes, "Salesforce unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Duration.ZERO);
        }
    }

    /**
     * The Email of a Salesforce User (one GET on the User record), so an owner the CRM names by User Id
     * can be mentioned in Slack. Goes through the same token, API budget and circuit as the writes.
     *
     * @return empty when the org has no such user
     * @throws OwnerDirectory.Unavailable when the org cannot be asked now; nothing is known either way
     */
    public Optional<String> userEmail(String userId) throws OwnerDirectory.Unavailable {
        if (!live()) throw new OwnerDirectory.Unavailable("Salesforce is in sandbox mode");
        if (budget.deferral().isPresent()) {
            throw new OwnerDirectory.Unavailable("Salesforce API budget reserve reached (usage " + budget.describe() + ")");
        }
        if (!breaker.waitBeforeCall().isZero()) throw new OwnerDirectory.Unavailable("Salesforce circuit open");
        try {
            SalesforceTokens.Session session = tokens.session();
            Reply reply = readUser(session, userId);
            if (reply.status == 401) reply = readUser(tokens.mint(session), userId);
            if (reply.status == 200) {
                breaker.success();
                String email = reply.body.path("Email").asText("");
                return email.isBlank() ? Optional.empty() : Optional.of(email);
            }
            if (reply.status == 404 || reply.status == 400) {
                breaker.success(); // the org answered: no such user
                return Optional.empty();
            }
            if (reply.status == 403 && reply.hasError("REQUEST_LIMIT_EXCEEDED")) {
                breaker.openFor(settings.limitBackoff());
                tell(OperatorNotice.SALESFORCE_REQUEST_LIMIT, Map.of("until", clock.instant().plus(settings.limitBackoff()).toString()));
            } else {
                breaker.failure();
            }
            throw new OwnerDirectory.Unavailable("Salesforce " + reply.error());
        } catch (SalesforceTokens.TokenException e) {
            breaker.failure();
            throw new OwnerDirectory.Unavailable(e.getMessage());
        } catch (FeignException | IOException e) {
            breaker.failure();
            throw new OwnerDirectory.Unavailable("Salesforce unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** e.g. v66.0, from salesforce.api-version's data path. */
    private String apiVersion() {
        return settings.dataPath().substring("/services/data/".length());
    }

    private void observeUsage(Response response) {
        if (budget.observe(header(response, "Sforce-Limit-Info"))) tell(OperatorNotice.SALESFORCE_API_RESERVE, budget.notice());
    }

    private void tell(String kind, Map<String, Object> values) {
        try {
            notices.accept(new OperatorNotice(kind, values, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warning("operator notice " + kind + " not raised: " + e.getMessage());
        }
    }

    private Reply readUser(SalesforceTokens.Session session, String userId) throws IOException {
        String version = apiVersion();
        try (Response response = api.user(session.instanceUrl(), version, session.accessToken(), userId)) {
            observeUsage(response);
            return new Reply(response.status(), SalesforceTokens.readJson(response), Optional.empty());
        }
    }

    private record Reply(int status, JsonNode body, Optional<Duration> retryAfter) {
        String error() {
            JsonNode first = body.isArray() && !body.isEmpty() ? body.get(0) : body;
            String code = first.path("errorCode").asText("");
            String message = first.path("message").asText(first.isTextual() ? first.asText() : "");
            return "http " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        }

        boolean hasError(String code) {
            if (!body.isArray()) return false;
            for (JsonNode e : body) if (code.equals(e.path("errorCode").asText())) return true;
            return false;
        }
    }

    private Reply call(boolean update, SalesforceTokens.Session session, Map<String, Object> body) throws IOException {
        String version = apiVersion();
        try (Response response = update
                ? api.updateRecords(session.instanceUrl(), version, session.accessToken(), body)
                : api.createRecords(session.instanceUrl(), version, session.accessToken(), body)) {
            observeUsage(response);
            Optional<Duration> retryAfter = Optional.ofNullable(header(response, "Retry-After"))
                    .flatMap(SalesforceOrg::seconds);
            return new Reply(response.status(), SalesforceTokens.readJson(response), retryAfter);
        }
    }

    private List<DeliveryOutcome> outcomes(List<OutboundWrite> writes, Reply reply) {
        int status = reply.status;
        if (status == 200 || status == 201) {
            breaker.success();
            lastSuccessAt = clock.instant();
            return perRecord(writes, reply.body);
        }
        if (status == 403 && reply.hasError("REQUEST_LIMIT_EXCEEDED")) {
            LOG.severe(() -> "Salesforce REQUEST_LIMIT_EXCEEDED: no writes for " + settings.limitBackoff());
            breaker.openFor(settings.limitBackoff());
            tell(OperatorNotice.SALESFORCE_REQUEST_LIMIT, Map.of("until", clock.instant().plus(settings.limitBackoff()).toString()));
            return retryAll(writes, reply.error(), settings.limitBackoff());
        }
        if (status == 400 || status == 404) {
            breaker.success(); // the org answered: the request itself is wrong (e.g. a field not deployed)
            return rejectAll(writes, reply.error());
        }
        breaker.failure(); // 401 after a fresh token, other 403s, 429, 5xx
        return retryAll(writes, reply.error(), reply.retryAfter.orElse(Duration.ZERO));
    }

    /** One SaveResult per record, in order. */
    private List<DeliveryOutcome> perRecord(List<OutboundWrite> writes, JsonNode results) {
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

    private static String fields(JsonNode fields) {
        if (!fields.isArray() || fields.isEmpty()) return "";
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.asText()));
        return " " + names;
    }

    static List<DeliveryOutcome> retryAll(List<OutboundWrite> writes, String error, Duration after) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (OutboundWrite w : writes) out.add(DeliveryOutcome.retry(w.outboxId(), error, after));
        return out;
    }

    private static List<DeliveryOutcome> rejectAll(List<OutboundWrite> writes, String error) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (OutboundWrite w : writes) out.add(DeliveryOutcome.rejected(w.outboxId(), error));
        return out;
    }

    private static String header(Response response, String name) {
        for (Map.Entry<String, Collection<String>> e : response.headers().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
