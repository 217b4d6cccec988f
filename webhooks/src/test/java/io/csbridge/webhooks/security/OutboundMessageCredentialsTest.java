package io.csbridge.webhooks.security;

import org.junit.jupiter.api.Test;

import static io.csbridge.webhooks.security.SlackSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThatCode;

class OutboundMessageCredentialsTest {

    static final String ORG = "00D5g000004ABCDEAZ";
    final OutboundMessageCredentials credentials = new OutboundMessageCredentials("s3cret-token", ORG);

    @Test
    void theConfiguredTokenAndOrgAreAccepted() {
        assertThatCode(() -> {
            credentials.verifyToken("s3cret-token");
            credentials.verifyOrganization(ORG);
        }).doesNotThrowAnyException();
    }

    @Test
    void aWrongOrMissingTokenIsRejected() {
        assertRejected(() -> credentials.verifyToken("s3cret-tokeN"), 401, "invalid_token");
        assertRejected(() -> credentials.verifyToken("s3cret-token-and-more"), 401, "invalid_token");
        assertRejected(() -> credentials.verifyToken(null), 401, "invalid_token");
        assertRejected(() -> credentials.verifyToken(""), 401, "invalid_token");
    }

    @Test
    void anotherOrgIsRejected() {
        assertRejected(() -> credentials.verifyOrganization("00D5g000004ZZZZEAZ"), 401, "unknown_organization");
        assertRejected(() -> credentials.verifyOrganization(null), 401, "unknown_organization");
    }

    @Test
    void aFifteenCharacterOrgIdMatchesItsEighteenCharacterForm() {
        var fifteen = new OutboundMessageCredentials("t", ORG.substring(0, 15));
        assertThatCode(() -> fifteen.verifyOrganization(ORG)).doesNotThrowAnyException();
        assertRejected(() -> fifteen.verifyOrganization("00D5g000004ZZZZEAZ"), 401, "unknown_organization");
    }

    @Test
    void withoutConfigurationNothingIsAccepted() {
        var unset = new OutboundMessageCredentials(null, null);
        assertRejected(() -> unset.verifyToken("anything"), 401, "invalid_token");
        assertRejected(() -> unset.verifyOrganization(ORG), 401, "unknown_organization");
    }
}
