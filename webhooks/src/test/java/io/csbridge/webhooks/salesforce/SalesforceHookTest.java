package io.csbridge.webhooks.salesforce;

import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.testing.FakeRequest;
import io.csbridge.app.intake.EventIntake;
import io.csbridge.webhooks.testing.TestPipeline;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint on the real inbox: Ack only for what is committed; refusals leave no trace. */
class SalesforceHookTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    final TestPipeline pipeline = new TestPipeline(clock);
    final SalesforceHook hook = new SalesforceHook();

    {
        hook.intake = new EventIntake(pipeline);
        hook.clock = clock;
        hook.token = Optional.of("t0ken");
        hook.organizationId = Optional.of(OutboundMessages.ORG);
        hook.config = (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) return Optional.empty();
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    Response deliver(String token, byte[] body) throws Exception {
        return hook.receive(token, FakeRequest.of(body, Map.of("Content-Type", "text/xml; charset=utf-8")));
    }

    Response deliver(String xml) throws Exception {
        return deliver("t0ken", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneNotificationIsStoredAndAcknowledged() throws Exception {
        Response response = deliver(OutboundMessages.sample("account-notification.xml"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
                + "</soapenv:Body></soapenv:Envelope>");
        assertThat(response.getMediaType().toString()).startsWith("text/xml");
        assertThat(pipeline.inboxRows()).containsExactly("salesforce|Account/001Dn00000ACMEAAA/2026-01-15T10:00:00Z|2026-01-15T10:00:00Z");
    }

    @Test
    void aHundredNotificationsAreAHundredEntries() throws Exception {
        assertThat(deliver(OutboundMessages.accounts(100)).getStatus()).isEqualTo(200);
        assertThat(pipeline.inboxRows()).hasSize(100);
    }

    @Test
    void aReplayedOutboundMessageIsAcknowledgedAndCountedOnce() throws Exception {
        deliver(OutboundMessages.accounts(100));
        Response replay = deliver(OutboundMessages.accounts(100));
        assertThat(replay.getStatus()).isEqualTo(200);
        assertThat(replay.getEntity()).isEqualTo(SalesforceHook.ACK);
        assertThat(pipeline.inboxRows()).hasSize(100);
    }

    @Test
    void aWrongTokenIsRejected() {
        rejected(() -> deliver("guess", OutboundMessages.sample("account-notification.xml").getBytes(StandardCharsets.UTF_8)), 401);
        rejected(() -> deliver(null, OutboundMessages.sample("account-notification.xml").getBytes(StandardCharsets.UTF_8)), 401);
    }

    @Test
    void anotherOrgsMessageIsRejected() {
        rejected(() -> deliver(OutboundMessages.envelope("00D000000000062EAA", java.util.List.of(OutboundMessages.account(1)))), 401);
    }

    @Test
    void xmlWithADoctypeIsRejected() {
        String xml = OutboundMessages.sample("account-notification.xml").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
        rejected(() -> deliver(xml), 400);
    }

    @Test
    void aTruncatedMessageIsRejected() {
        String xml = OutboundMessages.accounts(10);
        rejected(() -> deliver(xml.substring(0, xml.length() - 40)), 400);
    }

    @Test
    void anOversizedMessageIsRejected() {
        byte[] body = ("<x>" + "y".repeat(RawBody.LIMIT) + "</x>").getBytes(StandardCharsets.UTF_8);
        rejected(() -> deliver("t0ken", body), 413);
    }

    @Test
    void aMessageThatIsNotUtf8IsRejected() {
        byte[] body = OutboundMessages.sample("account-notification.xml").replace("Acme Corp", "Acm\u00e9 Corp")
                .getBytes(StandardCharsets.ISO_8859_1);
        rejected(() -> deliver("t0ken", body), 400);
    }

    interface Delivery {
        Response run() throws Exception;
    }

    void rejected(Delivery delivery, int status) {
        assertThatThrownBy(delivery::run).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(status));
        assertThat(pipeline.inboxRows()).isEmpty();
    }
}
