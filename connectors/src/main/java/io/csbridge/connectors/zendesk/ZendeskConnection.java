package io.csbridge.connectors.zendesk;

import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.RequestBudget;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorBudgetNames;
import io.csbridge.outbox.VendorBudgets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.zendesk.client.v2.Zendesk;
import org.zendesk.client.v2.ZendeskException;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.ZendeskResponseRateLimitException;
import org.zendesk.client.v2.model.JobResult;
import org.zendesk.client.v2.model.JobStatus;
import org.zendesk.client.v2.model.Organization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one connection to the customer's Zendesk: the zendesk-java-client (built here when credentials
 * are set, closed on undeploy), the requests-per-minute budget and the circuit breaker. Organization
 * updates go out through {@code update_many} (100 a call); the jobs of one delivery are then polled
 * together through {@code job_statuses/show_many}, and each organization's result decides its write.
 */
@ApplicationScoped
public class ZendeskConnection {

    private static final Logger LOG = Logger.getLogger(ZendeskConnection.class.getName());
    /** update_many takes at most 100 organizations. */
    public static final int MAX_ORGANIZATIONS = 100;

    private ZendeskSettings settings;
    private Zendesk client;
    private ZendeskHttp http;
    private RequestBudget budget;
    private CircuitBreaker breaker;
    private Clock clock;
    private Sleeper sleeper;
    private volatile Instant lastSuccessAt;

    protected ZendeskConnection() {
        // for the CDI proxy
    }

    @Inject
    public ZendeskConnection(Config config, Clock clock, VendorBudgets budgets) {
        this(ZendeskSettings.from(Settings.from(config)), clock, Sleeper.SYSTEM, budgets);
    }

    /** @param budgets the request budget every node shares */
    public ZendeskConnection(ZendeskSettings settings, Clock clock, Sleeper sleeper, VendorBudgets budgets) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.budget = new RequestBudget(budgets, VendorBudgetNames.ZENDESK_REQUESTS, settings.requestsPerMinute());
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitOpen(), clock);
        if (settings.live()) {
            this.http = new ZendeskHttp();
            this.client = build(settings, http);
        }
    }

    static Zendesk build(ZendeskSettings s, ZendeskHttp http) {
        Zendesk.Builder builder = new Zendesk.Builder(s.url().orElseThrow()).setClient(http.client());
        if (s.oauthToken().isPresent()) {
            builder.setOauthToken(s.oauthToken().get());
        } else {
            builder.setUsername(s.email().orElseThrow()).setToken(s.apiToken().orElseThrow());
        }
        return builder.build();
    }

    /** Releases the client's connections and Netty threads, and returns once they have stopped. */
    @PreDestroy
    public void close() {
        if (client != null && !client.isClosed()) client.close();
        if (http != null) http.close();
    }

    /** Closed, threads and all (after {@link #close()}; true in sandbox mode, which has none). */
    boolean stopped() {
        return http == null || http.stopped();
    }

    /** Mode, the shared request budget and any Retry-After pause, the circuit, the last confirmed write. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        out.put("requests", budget.status());
        out.put("circuit", breaker.status());
        if (lastSuccessAt != null) out.put("lastSuccessAt", lastSuccessAt.toString());
        return out;
    }

    public ZendeskSettings settings() {
        return settings;
    }

    public boolean live() {
        return client != null;
    }

    private record Job(JobStatus status, List<OutboundWrite> writes) {
    }

    /** Sets organization fields; one outcome per write. Never throws for vendor errors. */
    public List<DeliveryOutcome> updateOrganizations(List<OutboundWrite> writes) {
        Map<Long, DeliveryOutcome> outcomes = new LinkedHashMap<>();
        List<OutboundWrite> valid = new ArrayList<>();
        for (OutboundWrite w : writes) {
            if (organizationId(w) == null) {
                outcomes.put(w.outboxId(), DeliveryOutcome.rejected(w.outboxId(),
                        "not a Zendesk organization id: " + w.target()));
            } else {
                valid.add(w);
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (int from = 0; from < valid.size(); from += MAX_ORGANIZATIONS) {
            List<OutboundWrite> chunk = valid.subList(from, Math.min(valid.size(), from + MAX_ORGANIZATIONS));
            Duration wait = breaker.waitBeforeCall();
            String why = "Zendesk circuit open";
            if (wait.isZero()) {
                wait = budget.tryAcquire();
                why = "Zendesk request budget spent";
            }
            if (!wait.isZero()) {
                retry(outcomes, valid.subList(from, valid.size()), why, wait);
                break;
            }
            try {
                jobs.add(new Job(client.updateOrganizations(organizations(chunk)), chunk));
                breaker.success();
            } catch (ZendeskResponseRateLimitException e) {
                Duration after = retryAfter(e);
                budget.pauseFor(after);
                retry(outcomes, valid.subList(from, valid.size()), "Zendesk 429: rate limited", after);
                break;
            } catch (ZendeskResponseException e) {
                if (e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 408) {
                    breaker.success();
                    for (OutboundWrite w : chunk) {
                        outcomes.put(w.outboxId(), DeliveryOutcome.rejected(w.outboxId(), describe(e)));
                    }
                } else {
                    breaker.failure();
                    retry(outcomes, chunk, describe(e), Duration.ZERO);
                }
            } catch (ZendeskException e) {
                breaker.failure();
                retry(outcomes, chunk, "Zendesk unreachable: " + e.getMessage(), Duration.ZERO);
            }
        }
        awaitJobs(jobs, outcomes);
        return new ArrayList<>(outcomes.values());
    }

    private void awaitJobs(List<Job> jobs, Map<Long, DeliveryOutcome> outcomes) {
        Map<String, Job> pending = new LinkedHashMap<>();
        for (Job job : jobs) pending.put(job.status().getId(), job);
        Instant deadline = clock.instant().plus(settings.jobTimeout());
        try {
            while (!pending.isEmpty() && !clock.instant().isAfter(deadline)) {
                sleeper.sleep(settings.jobPollInterval());
                Duration wait = budget.tryAcquire();
                if (!wait.isZero()) {
                    if (clock.instant().plus(wait).isAfter(deadline)) break;
                    sleeper.sleep(wait);
                    continue;
                }
                List<JobStatus> statuses;
                try {
                    statuses = client.getJobStatuses(pending.values().stream().map(Job::status).toList());
                } catch (ZendeskResponseRateLimitException e) {
                    budget.pauseFor(retryAfter(e));
                    continue;
                } catch (ZendeskException e) {
                    LOG.warning(() -> "Zendesk job status poll failed: " + e.getMessage());
                    continue;
                }
                for (JobStatus status : statuses) {
                    Job job = pending.get(status.getId());
                    if (job == null || status.getStatus() == null) continue;
                    switch (status.getStatus()) {
                        case completed -> {
                            lastSuccessAt = clock.instant();
                            settle(job, status, outcomes);
                            pending.remove(status.getId());
                        }
                        case failed, killed -> {
                            retry(outcomes, job.writes(), "Zendesk job " + status.getStatus() + ": " + status.getMessage(),
                                    Duration.ZERO);
                            pending.remove(status.getId());
                        }
                        default -> { }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Unconfirmed writes are sent again later: setting the same values twice is harmless.
        for (Job job : pending.values()) {
            retry(outcomes, job.writes(), "Zendesk job " + job.status().getId() + " not finished in time", Duration.ZERO);
        }
    }

    private static void settle(Job job, JobStatus status, Map<Long, DeliveryOutcome> outcomes) {
        Map<Long, JobResult> byOrganization = new HashMap<>();
        Map<Long, JobResult> byIndex = new HashMap<>();
        if (status.getResults() != null) {
            for (JobResult r : status.getResults()) {
                if (r.getId() != null) byOrganization.put(r.getId(), r);
                if (r.getIndex() != null) byIndex.put(r.getIndex(), r);
            }
        }
        for (int i = 0; i < job.writes().size(); i++) {
            OutboundWrite w = job.writes().get(i);
            JobResult r = byOrganization.getOrDefault(organizationId(w), byIndex.get((long) i));
            DeliveryOutcome outcome;
            if (r == null) {
                outcome = DeliveryOutcome.retry(w.outboxId(), "Zendesk job reported nothing for this organization", Duration.ZERO);
            } else if (r.getError() != null || Boolean.FALSE.equals(r.getSuccess())) {
                outcome = DeliveryOutcome.rejected(w.outboxId(), r.getError() + (r.getDetails() == null ? "" : ": " + r.getDetails()));
            } else {
                outcome = DeliveryOutcome.delivered(w.outboxId());
            }
            outcomes.put(w.outboxId(), outcome);
        }
    }

    static List<Organization> organizations(List<OutboundWrite> writes) {
        List<Organization> out = new ArrayList<>();
        for (OutboundWrite w : writes) {
            Organization o = new Organization();
            o.setId(organizationId(w));
            o.setOrganizationFields(new LinkedHashMap<>(w.fields()));
            out.add(o);
        }
        return out;
    }

    static Long organizationId(OutboundWrite w) {
        try {
            return Long.parseLong(w.target().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration retryAfter(ZendeskResponseRateLimitException e) {
        Long seconds = e.getRetryAfter();
        return Duration.ofSeconds(seconds == null || seconds <= 0 ? 60 : seconds);
    }

    private static String describe(ZendeskResponseException e) {
        String body = e.getBody() == null ? "" : e.getBody();
        return "Zendesk http " + e.getStatusCode() + ": " + (body.length() > 500 ? body.substring(0, 500) : body);
    }

    private static void retry(Map<Long, DeliveryOutcome> outcomes, List<OutboundWrite> writes, String error, Duration after) {
        for (OutboundWrite w : writes) outcomes.put(w.outboxId(), DeliveryOutcome.retry(w.outboxId(), error, after));
    }
}
