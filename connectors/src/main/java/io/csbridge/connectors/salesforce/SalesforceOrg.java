package io.csbridge.connectors.salesforce;

import feign.FeignException;
import io.csbridge.outbox.VendorBudgets;
import io.csbridge.alerts.OperatorNotice;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one connection to the customer's Salesforce org, shared by every Salesforce channel: its token
 * ({@link SalesforceTokens}), its API budget ({@link ApiBudget}) and its circuit breaker. Decides what
 * each answer of the org means: writes go through sObject Collections ({@link SalesforceRest}) and each
 * SaveResult becomes an outcome of its own write ({@link WriteOutcomes}), so one refused record never
 * holds back the others.
 */
@ApplicationScoped
public class SalesforceOrg {

    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class.getName());

    private SalesforceSettings settings;
    private SalesforceRest rest;
    private SalesforceTokens tokens;
    private ApiBudget budget;
    private CircuitBreaker breaker;
    private Clock clock;
    private volatile Instant lastSuccessAt;
    private Consumer<OperatorNotice> notices;

    protected SalesforceOrg() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceOrg(Config config, Clock clock, Event<OperatorNotice> notices, VendorBudgets budgets) {
        this(SalesforceSettings.from(Settings.from(config)), clock, notices::fire, budgets);
    }

    public SalesforceOrg(SalesforceSettings settings, Clock clock, VendorBudgets budgets) {
        this(settings, clock, notice -> { }, budgets);
    }

    /**
     * @param notices told when the API reserve is reached or the org's allowance is exhausted
     * @param budgets where the reserve's hold is shared with every node
     */
    public SalesforceOrg(SalesforceSettings settings, Clock clock, Consumer<OperatorNotice> notices, VendorBudgets budgets) {
        this.settings = settings;
        this.notices = notices;
        this.rest = new SalesforceRest(settings, this::observeUsage);
        this.tokens = new SalesforceTokens(settings, rest.oauth(), clock);
        this.budget = new ApiBudget(settings.apiReservePercent(), Duration.ofMinutes(15), budgets);
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitOpen(), clock);
        this.clock = clock;
    }

    /**
     * What an operator sees: mode and flow, the org's API usage as last reported (Sforce-Limit-Info),
     * the reserve left to others and until when writes are deferred, the circuit, the last success.
     */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        if (live()) out.put("flow", settings.jwtBearer() ? "jwt-bearer" : "client-credentials");
        out.put("apiVersion", settings.versionInPath());
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
        return save(writes, records, rest::update);
    }

    /**
     * PATCH composite/sobjects/{type}/{externalIdField}: creates the records, or updates those whose key
     * exists already, so a write sent again (its first outcome never recorded) creates nothing twice.
     */
    public List<DeliveryOutcome> upsert(List<OutboundWrite> writes, List<Map<String, Object>> records, String type,
                                        String externalIdField) {
        return save(writes, records, (session, body) -> rest.upsert(session, type, externalIdField, body));
    }

    /** One sObject Collections call. */
    private interface Save {
        SalesforceRest.Reply send(SalesforceTokens.Session session, Map<String, Object> body) throws IOException;
    }

    private List<DeliveryOutcome> save(List<OutboundWrite> writes, List<Map<String, Object>> records, Save call) {
        if (writes.isEmpty()) return List.of();
        Optional<Duration> deferral = budget.deferral();
        if (deferral.isPresent()) {
            return WriteOutcomes.retryAll(writes, "Salesforce API budget reserve reached (usage " + budget.describe() + ")",
                    deferral.get());
        }
        Duration wait = breaker.waitBeforeCall();
        if (!wait.isZero()) return WriteOutcomes.retryAll(writes, "Salesforce circuit open", wait);
        Map<String, Object> body = Map.of("allOrNone", false, "records", records);
        try {
            SalesforceTokens.Session session = tokens.session();
            SalesforceRest.Reply reply = call.send(session, body);
            if (reply.status() == 401) {
                LOG.info("Salesforce session expired: minting a new token");
                reply = call.send(tokens.mint(session), body);
            }
            return outcomes(writes, reply);
        } catch (SalesforceTokens.TokenException e) {
            breaker.failure();
            return WriteOutcomes.retryAll(writes, e.getMessage(), e.retryable ? Duration.ZERO : settings.circuitOpen());
        } catch (FeignException | IOException e) {
            breaker.failure();
            return WriteOutcomes.retryAll(writes, "Salesforce unreachable: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), Duration.ZERO);
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
            SalesforceRest.Reply reply = rest.user(session, userId);
            if (reply.status() == 401) reply = rest.user(tokens.mint(session), userId);
            if (reply.status() == 200) {
                breaker.success();
                String email = reply.body().path("Email").asText("");
                return email.isBlank() ? Optional.empty() : Optional.of(email);
            }
            if (reply.status() == 404 || reply.status() == 400) {
                breaker.success(); // the org answered: no such user
                return Optional.empty();
            }
            if (reply.status() == 403 && reply.hasError("REQUEST_LIMIT_EXCEEDED")) {
                requestLimitExceeded();
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

    /** One read call with a session: returns the raw response (closed by the caller). */
    interface Read {
        feign.Response call(SalesforceQueryApi api, SalesforceTokens.Session session) throws IOException;
    }

    /**
     * One read (query page, Bulk job call) through the same token, API budget and circuit as the writes:
     * a 401 mints a new token and tries once more; 403 REQUEST_LIMIT_EXCEEDED opens the circuit for
     * {@code salesforce.limit-backoff-seconds} and tells an operator. The caller closes the response.
     *
     * @throws VendorReader.Unavailable when the org cannot be read now, or answered an error
     */
    feign.Response read(Read read) throws VendorReader.Unavailable {
        if (!live()) throw new VendorReader.Unavailable("Salesforce is in sandbox mode");
        if (budget.deferral().isPresent()) {
            throw new VendorReader.Unavailable("Salesforce API budget reserve reached (usage " + budget.describe() + ")");
        }
        if (!breaker.waitBeforeCall().isZero()) throw new VendorReader.Unavailable("Salesforce circuit open");
        try {
            SalesforceTokens.Session session = tokens.session();
            feign.Response response = observed(read.call(rest.queries(), session));
            if (response.status() == 401) {
                response.close();
                LOG.info("Salesforce session expired during a read: minting a new token");
                response = observed(read.call(rest.queries(), tokens.mint(session)));
            }
            if (response.status() < 300) {
                breaker.success();
                lastSuccessAt = clock.instant();
                return response;
            }
            SalesforceRest.Reply reply = new SalesforceRest.Reply(response.status(), SalesforceRest.readJson(response), Optional.empty());
            response.close();
            if (reply.status() == 403 && reply.hasError("REQUEST_LIMIT_EXCEEDED")) requestLimitExceeded();
            else if (reply.status() >= 500 || reply.status() == 429 || reply.status() == 401) breaker.failure();
            else breaker.success(); // the org answered: the query itself is wrong
            throw new VendorReader.Unavailable("Salesforce " + reply.error());
        } catch (SalesforceTokens.TokenException e) {
            breaker.failure();
            throw new VendorReader.Unavailable(e.getMessage(), e);
        } catch (FeignException | IOException e) {
            breaker.failure();
            throw new VendorReader.Unavailable("Salesforce unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private feign.Response observed(feign.Response response) {
        observeUsage(SalesforceRest.header(response, "Sforce-Limit-Info"));
        return response;
    }

    private List<DeliveryOutcome> outcomes(List<OutboundWrite> writes, SalesforceRest.Reply reply) {
        int status = reply.status();
        if (status == 200 || status == 201) {
            breaker.success();
            lastSuccessAt = clock.instant();
            return WriteOutcomes.perRecord(writes, reply.body());
        }
        if (status == 403 && reply.hasError("REQUEST_LIMIT_EXCEEDED")) {
            LOG.severe(() -> "Salesforce REQUEST_LIMIT_EXCEEDED: no writes for " + settings.limitBackoff());
            requestLimitExceeded();
            return WriteOutcomes.retryAll(writes, reply.error(), settings.limitBackoff());
        }
        if (status == 400 || status == 404) {
            breaker.success(); // the org answered: the request itself is wrong (e.g. a field not deployed)
            return WriteOutcomes.rejectAll(writes, reply.error());
        }
        breaker.failure(); // 401 after a fresh token, other 403s, 429, 5xx
        return WriteOutcomes.retryAll(writes, reply.error(), reply.retryAfter().orElse(Duration.ZERO));
    }

    /** 403 REQUEST_LIMIT_EXCEEDED (the org's whole daily allowance is spent): stay away, tell an operator. */
    private void requestLimitExceeded() {
        breaker.openFor(settings.limitBackoff());
        tell(OperatorNotice.SALESFORCE_REQUEST_LIMIT, Map.of("until", clock.instant().plus(settings.limitBackoff()).toString()));
    }

    /** Every response's Sforce-Limit-Info: warns an operator when this usage reached the reserve. */
    private void observeUsage(String limitInfo) {
        if (budget.observe(limitInfo)) tell(OperatorNotice.SALESFORCE_API_RESERVE, budget.notice());
    }

    private void tell(String kind, Map<String, Object> values) {
        try {
            notices.accept(new OperatorNotice(kind, values, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warning("operator notice " + kind + " not raised: " + e.getMessage());
        }
    }
}
