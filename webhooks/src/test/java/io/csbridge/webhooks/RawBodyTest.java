package io.csbridge.webhooks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawBodyTest {

    @Test
    void readsTheWholeBody() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(RawBody.read(new ByteArrayInputStream(body), body.length).utf8()).isEqualTo("{\"a\":1}");
        assertThat(RawBody.read(new ByteArrayInputStream(body), -1).bytes()).isEqualTo(body);
    }

    @Test
    void aSenderThatDisconnectsMidBodyGetsA400NotAServerError() {
        InputStream cutOff = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10) return 'x';
                throw new IOException("UT000128: Remote peer closed connection before all data could be read");
            }
        };
        assertThatThrownBy(() -> RawBody.read(cutOff, 1000))
                .isInstanceOfSatisfying(HookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.error()).isEqualTo("malformed_request");
                });
    }

    @Test
    void aBodyShorterThanItsContentLengthIsTruncated() {
        byte[] half = "{\"type\":\"tra".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RawBody.read(new ByteArrayInputStream(half), 40))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        assertThatThrownBy(() -> RawBody.read(new ByteArrayInputStream(new byte[0]), RawBody.LIMIT + 1L))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }
}
