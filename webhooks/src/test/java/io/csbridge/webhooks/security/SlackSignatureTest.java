package io.csbridge.webhooks.security;

import com.slack.api.app_backend.SlackSignature.Generator;
import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSignatureTest {

    // The example from Slack's "Verifying requests from Slack" page (VENDORS.md).
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static SlackSignature verifierAt(long epochSecond) {
        return new SlackSignature(SECRET, at(epochSecond));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacksOwnExampleRequestIsAccepted() {
        assertThatCode(() -> verifierAt(1531420618L + 30).verify(bytes(BODY), TIMESTAMP, SIGNATURE)).doesNotThrowAnyException();
    }

    @Test
    void requestsSignedByTheSlackSdkAreAccepted() {
        long now = 1_767_225_600L;
        String body = "{\"type\":\"event_callback\",\"event_id\":\"Ev01\",\"event_time\":1767225600}";
        String signature = new Generator(SECRET).generate(Long.toString(now), body);
        assertThatCode(() -> verifierAt(now).verify(bytes(body), Long.toString(now), signature)).doesNotThrowAnyException();
    }

    @Test
    void theSdksSignatureOfSlacksExampleIsSlacksSignature() {
        assertThat(new Generator(SECRET).generate(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void forgedSignatureIsRejected() {
        String forged = "v0=" + "0".repeat(64);
        assertRejected(() -> verifierAt(1531420618L).verify(bytes(BODY), TIMESTAMP, forged), 401, "invalid_signature");
    }

    @Test
    void signatureMadeWithAnotherSecretIsRejected() {
        String other = new Generator("not-the-secret").generate(TIMESTAMP, BODY);
        assertRejected(() -> verifierAt(1531420618L).verify(bytes(BODY), TIMESTAMP, other), 401, "invalid_signature");
    }

    @Test
    void truncatedBodyIsRejected() {
        byte[] truncated = bytes(BODY.substring(0, BODY.length() - 10));
        assertRejected(() -> verifierAt(1531420618L).verify(truncated, TIMESTAMP, SIGNATURE), 401, "invalid_signature");
    }

    @Test
    void timestampChangedAfterSigningIsRejected() {
        assertRejected(() -> verifierAt(1531420619L).verify(bytes(BODY), "1531420619", SIGNATURE), 401, "invalid_signature");
    }

    @Test
    void slackRequestWithStaleTimestampIsRejected() {
        assertRejected(() -> verifierAt(1531420618L + 301).verify(bytes(BODY), TIMESTAMP, SIGNATURE), 401, "stale_timestamp");
    }

    @Test
    void slackRequestWithFutureTimestampIsRejected() {
        assertRejected(() -> verifierAt(1531420618L - 301).verify(bytes(BODY), TIMESTAMP, SIGNATURE), 401, "stale_timestamp");
    }

    @Test
    void timestampsExactlyFiveMinutesOffAreStillAccepted() {
        assertThatCode(() -> verifierAt(1531420618L + 300).verify(bytes(BODY), TIMESTAMP, SIGNATURE)).doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(1531420618L - 300).verify(bytes(BODY), TIMESTAMP, SIGNATURE)).doesNotThrowAnyException();
    }

    @Test
    void missingOrMalformedHeadersAreRejected() {
        SlackSignature v = verifierAt(1531420618L);
        assertRejected(() -> v.verify(bytes(BODY), null, SIGNATURE), 401, "invalid_signature");
        assertRejected(() -> v.verify(bytes(BODY), TIMESTAMP, null), 401, "invalid_signature");
        assertRejected(() -> v.verify(bytes(BODY), "yesterday", SIGNATURE), 401, "invalid_signature");
        assertRejected(() -> v.verify(bytes(BODY), TIMESTAMP, SIGNATURE.substring(3)), 401, "invalid_signature");
        assertRejected(() -> v.verify(bytes(BODY), TIMESTAMP, "v0=not-hex"), 401, "invalid_signature");
        assertRejected(() -> v.verify(bytes(BODY), TIMESTAMP, "v1=" + SIGNATURE.substring(3)), 401, "invalid_signature");
    }

    @Test
    void withoutASigningSecretNothingIsAccepted() {
        assertRejected(() -> new SlackSignature(null, at(1531420618L)).verify(bytes(BODY), TIMESTAMP, SIGNATURE), 401, "invalid_signature");
        assertRejected(() -> new SlackSignature(" ", at(1531420618L)).verify(bytes(BODY), TIMESTAMP, SIGNATURE), 401, "invalid_signature");
    }

    @Test
    void uppercaseHexSignatureIsTheSameSignature() {
        String upper = "v0=" + SIGNATURE.substring(3).toUpperCase();
        assertThatCode(() -> verifierAt(1531420618L).verify(bytes(BODY), TIMESTAMP, upper)).doesNotThrowAnyException();
    }

    static void assertRejected(Runnable call, int status, String error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HookRejection.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.error()).isEqualTo(error);
        });
    }
}
