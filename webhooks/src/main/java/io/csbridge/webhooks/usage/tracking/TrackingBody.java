package io.csbridge.webhooks.usage.tracking;

import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.RawBody;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A tracking request's body, inflated when it is {@code Content-Encoding: gzip}, read with two limits
 * that both hold while reading: the bytes on the wire never past the contract's 1 MiB (413), and the
 * inflated bytes never past what Segment allows the endpoint (400). A small body that would inflate
 * past the limit (a gzip bomb) is refused as soon as the limit is crossed, never inflated in full.
 */
final class TrackingBody {

    private TrackingBody() {
    }

    static byte[] read(InputStream raw, long declaredLength, String contentEncoding, TrackingEndpoint endpoint) {
        if (declaredLength > RawBody.LIMIT) throw HookRejection.tooLarge(RawBody.LIMIT);
        boolean gzip = gzip(contentEncoding);
        if (!gzip && declaredLength > endpoint.limit()) throw tooLarge(endpoint);
        try (InputStream wire = new WireLimit(raw)) {
            if (gzip) return GzipBody.inflate(wire, endpoint.limit(), () -> tooLarge(endpoint));
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = wire.read(buffer)) != -1) {
                if (out.size() + n > endpoint.limit()) throw tooLarge(endpoint);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private static boolean gzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) return false;
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) return true;
        if (encoding.equals("identity")) return false;
        throw new HookRejection(415, "unsupported_media_type", "Content-Encoding must be gzip or none, not " + encoding);
    }

    private static HookRejection tooLarge(TrackingEndpoint endpoint) {
        return new HookRejection(400, "payload_too_large", endpoint.describeLimit());
    }

    /** The bytes on the wire, refused past 1 MiB whatever Content-Length said. */
    private static final class WireLimit extends FilterInputStream {
        private long count;

        WireLimit(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) counted(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) counted(n);
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > RawBody.LIMIT) throw HookRejection.tooLarge(RawBody.LIMIT);
        }
    }
}
