package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NudgeUserHashTest {

    static String hash(String secret, String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theUsersOwnHashPassesInEitherCase() throws Exception {
        var check = new NudgeUserHash("s3cret");
        assertThatCode(() -> check.verify("u1", hash("s3cret", "u1"))).doesNotThrowAnyException();
        assertThatCode(() -> check.verify("u1", hash("s3cret", "u1").toUpperCase())).doesNotThrowAnyException();
    }

    @Test
    void anotherUsersHashAWrongSecretOrNoneIs401() throws Exception {
        var check = new NudgeUserHash("s3cret");
        assertThatThrownBy(() -> check.verify("u1", hash("s3cret", "u2"))).isInstanceOf(HookRejection.class)
                .matches(e -> ((HookRejection) e).status() == 401);
        assertThatThrownBy(() -> check.verify("u1", hash("other", "u1"))).isInstanceOf(HookRejection.class);
        assertThatThrownBy(() -> check.verify("u1", "zz")).isInstanceOf(HookRejection.class);
        assertThatThrownBy(() -> check.verify("u1", null)).isInstanceOf(HookRejection.class);
        assertThatThrownBy(() -> new NudgeUserHash(null).verify("u1", hash("s3cret", "u1")))
                .hasMessageContaining("nudges.identity-secret is not configured");
    }
}
