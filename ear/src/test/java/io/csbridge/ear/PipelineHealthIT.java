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
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's workers in {@code /health/ready} and {@code /health/live}, and the failed-events API
 * (CONTRACT §1 and §5): listed for a viewer, retried by an administrator only, 409 for an event not parked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PipelineHealthIT {

    static final String MANAGEMENT = "http://127.0.0.1:9990";
    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void readinessAndLivenessReportEveryPipelineWorkerAlive() {
        CsBridgeClient.Answer ready = client.get(MANAGEMENT + "/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("event processor", "inbox writer", "outbox delivery to slack", "ALIVE");
        CsBridgeClient.Answer live = client.get(MANAGEMENT + "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("cs-bridge-workers", "event processor");
    }

    @Test
    void failedEventsAreListedAndOnlyAParkedOneCanBeRetried() {
        CsBridgeClient.Answer list = client.admin("/pipeline/failed");
        assertThat(list.status()).isEqualTo(200);
        JsonNode body = list.json();
        assertThat(body.get("items").isArray()).isTrue();
        assertThat(body.get("total").asLong()).isEqualTo(body.get("items").size());

        assertThat(retry(Long.MAX_VALUE).status()).isEqualTo(409);
    }

    private CsBridgeClient.Answer retry(long id) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/pipeline/failed/" + id + "/retry"))
                .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
