package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/** The review queue and merges through the admin API, and what a viewer may not do. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityReviewIT {

    final CsBridgeClient client = new CsBridgeClient();
    final Instant now = Instant.now();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void aUserNoAccountKnowsWaitsForReviewAndJoinsTheAccountAnAdminLinksItTo() {
        String account = "review-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        client.postUsage(group("g-" + account, account, "Review Co", account + ".example", "001v", now.minusSeconds(3600)));
        String orphan = """
                {"type":"track","messageId":"o-%s","userId":"%s","event":"Report Viewed","timestamp":"%s"}"""
                .formatted(stranger, stranger, now.minusSeconds(60));
        assertThat(client.postUsage(orphan).status()).isEqualTo(200);

        JsonNode queue = client.awaitAdmin("/identities/unmatched", a -> a.body().contains(stranger), 30).json();
        assertThat(queue.get("items").findValuesAsText("value")).contains(stranger);

        CsBridgeClient.Answer linked = post("/identities/unmatched/link",
                "{\"kind\":\"product_user\",\"value\":\"" + stranger + "\",\"accountId\":\"" + account + "\"}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);

        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.json().get("signalsMoved").asInt()).isEqualTo(1);
        assertThat(client.admin("/accounts/" + account).json().get("signalCount").asInt()).isEqualTo(2);
        assertThat(client.admin("/identities/unmatched").body()).doesNotContain(stranger);
    }

    @Test
    void twoAccountsThatAreOneCanBeMergedWithoutLosingHistory() {
        String a = "merge-a-" + UUID.randomUUID();
        String b = "merge-b-" + UUID.randomUUID();
        client.postUsage(batch(List.of(track("ta-" + a, a, "Report Viewed", now.minus(Duration.ofDays(3))),
                track("tb-" + b, b, "Report Viewed", now.minus(Duration.ofDays(2))),
                track("tb2-" + b, b, "Report Viewed", now.minus(Duration.ofDays(1))))));
        client.awaitAdmin("/accounts/" + b, r -> r.status() == 200 && r.json().get("signalCount").asInt() == 2, 30);
        client.awaitAdmin("/accounts/" + a, r -> r.status() == 200, 30);

        CsBridgeClient.Answer merged = post("/accounts/" + a + "/merge", "{\"from\":\"" + b + "\"}",
                CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("signalCount").asInt()).isEqualTo(3);
        assertThat(client.admin("/accounts/" + b).json().get("id").asText()).isEqualTo(a);
        // The merged account's key now belongs to the survivor: its next event lands there.
        client.postUsage(track("tb3-" + b, b, "Report Viewed", now.minusSeconds(60)));
        assertThat(client.awaitAdmin("/accounts/" + a, r -> r.json().get("signalCount").asInt() == 4, 30)
                .json().get("signalCount").asInt()).isEqualTo(4);
    }

    @Test
    void aViewerReadsButIsRefusedEveryChange() {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"roles\":[\"cs-viewer\"]}",
                CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).status()).isEqualTo(200);

        assertThat(client.admin("/accounts", viewer, "viewer-password-1").status()).isEqualTo(200);
        assertThat(client.admin("/deliveries", viewer, "viewer-password-1").status()).isEqualTo(200);
        assertThat(post("/identities/unmatched/link", "{\"kind\":\"product\",\"value\":\"x\",\"accountId\":\"y\"}", viewer, "viewer-password-1").status()).isEqualTo(403);
        assertThat(post("/identities/unmatched/create", "{\"kind\":\"product\",\"value\":\"x\"}", viewer, "viewer-password-1").status()).isEqualTo(403);
        assertThat(post("/accounts/x/merge", "{\"from\":\"y\"}", viewer, "viewer-password-1").status()).isEqualTo(403);
        assertThat(post("/deliveries/1/retry", "", viewer, "viewer-password-1").status()).isEqualTo(403);
        assertThat(post("/users", "{\"username\":\"z\",\"password\":\"zzzzzzzzzzzzzz\"}", viewer, "viewer-password-1").status()).isEqualTo(403);
    }

    private CsBridgeClient.Answer post(String path, String json, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api" + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
