package io.csbridge.connectors.nudges;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.vendors.NudgePushSignature;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The push channel against a WireMock receiver: signed bodies, and which answers retry, deliver or dead-letter. */
class NudgePushChannelTest {

    static final String SECRET = "push-secret";
    final WireMockServer receiver = new WireMockServer(options().dynamicPort());
    NudgePushChannel channel;

    @BeforeEach
    void start() {
        receiver.start();
        channel = new NudgePushChannel(config(Map.of("nudges.webhook-url", receiver.baseUrl() + "/hooks/csbridge",
                "nudges.webhook-secret", SECRET)));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }

    static OutboundWrite push(long id) {
        return new OutboundWrite(id, "acme", "ann", Map.of("pushId", "nudge:setup:ann:0", "userId", "ann",
                "nudge", Map.of("id", "setup", "title", "Invite your team")), Instant.EPOCH, 1, "k" + id, null);
    }

    @Test
    void aPushIsPostedAsJsonSignedWithTheSecretAndDelivered() {
        receiver.stubFor(post(urlEqualTo("/hooks/csbridge")).willReturn(aResponse().withStatus(204)));
        List<DeliveryOutcome> out = channel.deliver(List.of(push(1)));
        assertThat(out).extracting(DeliveryOutcome::result).containsExactly(DeliveryOutcome.Result.DELIVERED);
        LoggedRequest got = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/csbridge"))).get(0);
        assertThat(got.getHeader("Content-Type")).startsWith("application/json");
        assertThat(got.getBodyAsString()).contains("\"pushId\":\"nudge:setup:ann:0\"").contains("\"title\":\"Invite your team\"");
        assertThat(NudgePushSignature.verify(SECRET, got.getBody(), got.getHeader(NudgePushSignature.HEADER))).isTrue();
        assertThat(NudgePushSignature.verify("another", got.getBody(), got.getHeader(NudgePushSignature.HEADER))).isFalse();
    }

    @Test
    void anOutageIsRetriedWithTheReceiversRetryAfterAndARefusalIsADeadLetter() {
        receiver.stubFor(post(urlEqualTo("/hooks/csbridge")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
        DeliveryOutcome down = channel.deliver(List.of(push(1))).get(0);
        assertThat(down.result()).isEqualTo(DeliveryOutcome.Result.RETRY);
        assertThat(down.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        receiver.stubFor(post(urlEqualTo("/hooks/csbridge")).willReturn(aResponse().withStatus(400)));
        assertThat(channel.deliver(List.of(push(2))).get(0).result()).isEqualTo(DeliveryOutcome.Result.REJECTED);
        receiver.stop();
        assertThat(channel.deliver(List.of(push(3))).get(0).result()).as("unreachable").isEqualTo(DeliveryOutcome.Result.RETRY);
    }

    @Test
    void withoutAUrlOrSecretTheChannelIsInSandboxModeAndItsStatusNeverShowsTheSecret() {
        assertThat(channel.live()).isTrue();
        assertThat(channel.status().toString()).doesNotContain(SECRET);
        assertThat(new NudgePushChannel(config(Map.of("nudges.webhook-secret", SECRET))).live()).isFalse();
        assertThat(new NudgePushChannel(config(Map.of("nudges.webhook-url", receiver.baseUrl()))).live()).isFalse();
    }
}
