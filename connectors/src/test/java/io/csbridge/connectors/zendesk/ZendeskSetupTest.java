package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.app.integrations.SetupStep;
import io.csbridge.domain.language.Language;
import io.csbridge.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskSetupTest {

    static final String HOOK = "https://cs.example.com/hooks/zendesk";
    final FakeZendeskAdmin zendesk = new FakeZendeskAdmin(Map.of(
            "CS Bridge events", "events-secret", "CS Bridge triggers", "trigger-secret"), 2);

    @AfterEach
    void stop() {
        zendesk.close();
    }

    List<SetupStep> run(Set<String> secrets) {
        return ZendeskSetup.run(new ZendeskAdminApi(zendesk.url(), "Basic eA=="), Language.ENGLISH, HOOK, secrets);
    }

    static long count(List<SetupStep> steps, String outcome) {
        return steps.stream().filter(s -> s.outcome().equals(outcome)).count();
    }

    @Test
    void theFirstRunCreatesFieldsWebhooksAndTriggersAndTheSecondCreatesNothing() {
        List<SetupStep> first = run(Set.of("events-secret", "trigger-secret"));

        assertThat(count(first, SetupStep.CREATED)).as("%s", first).isEqualTo(4 + 2 + 5);
        assertThat(count(first, SetupStep.FAILED)).as("%s", first).isZero();
        assertThat(zendesk.created("fields")).isEqualTo(4);
        assertThat(zendesk.created("webhooks")).isEqualTo(2);
        assertThat(zendesk.created("triggers")).isEqualTo(5);

        List<SetupStep> second = run(Set.of("events-secret", "trigger-secret"));

        assertThat(count(second, SetupStep.CREATED)).as("%s", second).isZero();
        assertThat(count(second, SetupStep.EXISTS)).isEqualTo(first.size());
        assertThat(zendesk.created("fields") + zendesk.created("webhooks") + zendesk.created("triggers")).isEqualTo(11);
    }

    @Test
    void theWebhooksPointAtTheHookAndTheTriggersSendTheShippedBodyToTheTriggerWebhook() throws Exception {
        run(Set.of("events-secret", "trigger-secret"));

        ObjectNode events = zendesk.webhooks().get(0);
        ObjectNode triggerHook = zendesk.webhooks().get(1);
        assertThat(events.get("name").asText()).isEqualTo("CS Bridge events");
        assertThat(events.get("endpoint").asText()).isEqualTo(HOOK);
        assertThat(events.get("subscriptions").toString()).contains("zen:event-type:ticket.created");
        assertThat(triggerHook.get("subscriptions").toString()).contains("conditional_ticket_events");

        JsonNode solved = zendesk.triggers().stream().filter(t -> t.get("title").asText().equals("CS Bridge: ticket solved"))
                .findFirst().orElseThrow();
        JsonNode action = solved.get("actions").get(0);
        assertThat(action.get("field").asText()).isEqualTo("notification_webhook");
        assertThat(action.get("value").get(0).asText()).isEqualTo(triggerHook.get("id").asText());
        JsonNode body = Json.MAPPER.readTree(action.get("value").get(1).asText());
        JsonNode shipped = Json.MAPPER.readTree(Files.readString(Path.of("../deploy/zendesk/trigger-body.json")));
        ((ObjectNode) shipped).put("event", "solved");
        assertThat(body).isEqualTo(shipped);
    }

    @Test
    void whatAnAdminMadeByHandIsLeftAndOnlyTheRestIsCreated() {
        zendesk.existingTrigger("CS Bridge: ticket created");
        zendesk.existingTrigger("Escalate VIP");

        List<SetupStep> steps = run(Set.of("events-secret", "trigger-secret"));

        assertThat(steps).contains(SetupStep.exists("trigger", "CS Bridge: ticket created", null));
        assertThat(zendesk.triggers()).hasSize(2 + 4);
    }

    @Test
    void aSigningSecretCsBridgeDoesNotKnowIsAFailureSayingWhereToFindItAndNeverShowsIt() {
        List<SetupStep> steps = run(Set.of("events-secret"));

        SetupStep secret = steps.stream().filter(s -> s.kind().equals("signing secret") && s.name().equals("CS Bridge triggers"))
                .findFirst().orElseThrow();
        assertThat(secret.outcome()).isEqualTo(SetupStep.FAILED);
        assertThat(secret.detail()).contains("zendesk.webhook-secret").contains("Reveal secret").doesNotContain("trigger-secret");
        assertThat(steps).contains(SetupStep.exists("signing secret", "CS Bridge events", "in zendesk.webhook-secret"));
    }

    @Test
    void refusedCredentialsAreAFailureWithZendesksReasonAndCreateNothing() {
        List<SetupStep> steps = ZendeskSetup.run(new ZendeskAdminApi(zendesk.url(), FakeZendeskAdmin.REFUSED),
                Language.ENGLISH, HOOK, Set.of());

        assertThat(steps).allMatch(s -> s.outcome().equals(SetupStep.FAILED));
        assertThat(steps.get(0).detail()).contains("401");
        assertThat(zendesk.created("fields") + zendesk.created("webhooks") + zendesk.created("triggers")).isZero();
    }
}
