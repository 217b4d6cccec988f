package io.csbridge.webhooks.nudges;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NudgeCorsTest {

    @Test
    void onlyListedOriginsOrAListedHostOnAnyPort() {
        List<String> allowed = List.of("https://app.example.com", "http://127.0.0.1:*");
        assertThat(NudgeCors.allows("https://app.example.com", allowed)).isTrue();
        assertThat(NudgeCors.allows("http://127.0.0.1:41234", allowed)).isTrue();
        assertThat(NudgeCors.allows("https://app.example.com.evil.io", allowed)).isFalse();
        assertThat(NudgeCors.allows("http://127.0.0.1:41234.evil.io", allowed)).isFalse();
        assertThat(NudgeCors.allows("http://127.0.0.10:80", allowed)).isFalse();
        assertThat(NudgeCors.allows(null, allowed)).isFalse();
        assertThat(NudgeCors.allows("https://app.example.com", List.of())).isFalse();
    }
}
