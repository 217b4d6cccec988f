package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteKeyCredentialsTest {

    final WriteKeyCredentials credentials = new WriteKeyCredentials("abc123");

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWriteKeyAsTheBasicUserOrInTheBodyIsAccepted() {
        assertThat(basic("abc123:")).isEqualTo("Basic YWJjMTIzOg=="); // Segment's own example
        assertThatCode(() -> credentials.verify(basic("abc123:"), List.of())).doesNotThrowAnyException();
        assertThatCode(() -> credentials.verify("basic " + Base64.getEncoder().encodeToString("abc123".getBytes(StandardCharsets.UTF_8)),
                List.of())).doesNotThrowAnyException();
        assertThatCode(() -> credentials.verify(null, List.of("abc123"))).doesNotThrowAnyException();
        assertThatCode(() -> credentials.verify(basic("abc123:"), List.of("abc123", "abc123"))).doesNotThrowAnyException();
    }

    @Test
    void anythingElseIs401WithoutNamingTheKey() {
        for (Runnable call : List.<Runnable>of(
                () -> credentials.verify(null, List.of()),
                () -> credentials.verify(basic("abc12:"), List.of()),
                () -> credentials.verify(basic("abc1234:"), List.of()),
                () -> credentials.verify("Basic !!!", List.of()),
                () -> credentials.verify("Bearer abc123", List.of()),
                () -> credentials.verify(basic("abc123:"), List.of("other")),
                () -> new WriteKeyCredentials(null).verify(basic("abc123:"), List.of()),
                () -> new WriteKeyCredentials(" ").verify(null, List.of(" ")))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(HookRejection.class, r -> {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.error()).isEqualTo("invalid_write_key");
                assertThat(r.getMessage()).doesNotContain("abc123");
            });
        }
    }
}
