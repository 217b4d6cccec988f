package io.csbridge.webhooks.usage.tracking;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a tracking body: gzip inflated, and both limits holding while reading. */
class TrackingBodyTest {

    static byte[] gzipOfZeros(int inflatedSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] chunk = new byte[64 * 1024];
            for (int written = 0; written < inflatedSize; written += chunk.length) gz.write(chunk);
        }
        return out.toByteArray();
    }

    /** Counts how much of the body was read. */
    static final class Counting extends ByteArrayInputStream {
        Counting(byte[] bytes) {
            super(bytes);
        }

        int consumed() {
            return pos;
        }
    }

    @Test
    void aGzipBombIsRefusedWhileInflatingNotAfter() throws IOException {
        byte[] bomb = gzipOfZeros(200 << 20); // 200 MiB of zeros, about 200 KB on the wire
        assertThat(bomb.length).isLessThan(1 << 20);
        Counting wire = new Counting(bomb);

        assertThatThrownBy(() -> TrackingBody.read(wire, bomb.length, "gzip", TrackingEndpoint.BATCH))
                .isInstanceOfSatisfying(HookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.getMessage()).contains("500 KB");
                });
        // Past 500 KB inflated it stopped: only the first few KB of the compressed body were read.
        assertThat(wire.consumed()).isLessThan(bomb.length / 20);
    }

    @Test
    void manyGzipMembersAreRefusedNotNestedUntilTheStackOverflows() throws IOException {
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new GZIPOutputStream(empty).close();
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        for (int i = 0; i < 40_000; i++) members.write(empty.toByteArray());

        assertThatThrownBy(() -> TrackingBody.read(new ByteArrayInputStream(members.toByteArray()), -1, "gzip", TrackingEndpoint.BATCH))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void aGzipBodyIsInflatedAndAPlainOneIsTakenAsItIs() throws IOException {
        byte[] json = "{\"batch\":[]}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        }

        assertThat(TrackingBody.read(new ByteArrayInputStream(out.toByteArray()), -1, "GZIP", TrackingEndpoint.BATCH)).isEqualTo(json);
        assertThat(TrackingBody.read(new ByteArrayInputStream(json), json.length, null, TrackingEndpoint.TRACK)).isEqualTo(json);
        assertThat(TrackingBody.read(new ByteArrayInputStream(json), -1, "identity", TrackingEndpoint.TRACK)).isEqualTo(json);
        byte[] corrupt = out.toByteArray();
        corrupt[corrupt.length - 6]++; // the CRC-32
        assertThatThrownBy(() -> TrackingBody.read(new ByteArrayInputStream(corrupt), -1, "gzip", TrackingEndpoint.BATCH))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.getMessage()).contains("CRC"));
    }

    @Test
    void theWireLimitHoldsWhateverTheContentLengthSays() throws IOException {
        // One byte per flushed deflate block: over 1 MiB on the wire that inflates to far less than
        // 500 KB, so the 1 MiB on the wire is what stops it (413), while reading, without a Content-Length.
        ByteArrayOutputStream padding = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(padding, true)) {
            while (padding.size() <= (1 << 20)) {
                gz.write(' ');
                gz.flush();
            }
        }
        byte[] endless = padding.toByteArray();

        assertThatThrownBy(() -> TrackingBody.read(new ByteArrayInputStream(endless), -1, "gzip", TrackingEndpoint.BATCH))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(413));
        assertThatThrownBy(() -> TrackingBody.read(new ByteArrayInputStream(new byte[600 * 1024]), -1, null,
                TrackingEndpoint.BATCH)).isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThatThrownBy(() -> TrackingBody.read(new ByteArrayInputStream(new byte[10]), (1 << 20) + 1, null,
                TrackingEndpoint.BATCH)).isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }
}
