package io.csbridge.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes a sender signed, read with a size limit before anything else looks at them. A body
 * cut short (the sender disconnected, or sent less than its Content-Length) is a 400, not a server error.
 */
public final class RawBody {

    /** The contract's limit: a body over 1 MiB is answered 413. */
    public static final int LIMIT = 1 << 20;

    private final byte[] bytes;

    private RawBody(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RawBody read(InputStream in, long declaredLength) {
        if (declaredLength > LIMIT) throw HookRejection.tooLarge(LIMIT);
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > LIMIT) throw HookRejection.tooLarge(LIMIT);
                out.write(buffer, 0, n);
            }
            if (declaredLength > 0 && out.size() < declaredLength) throw truncated();
            return new RawBody(out.toByteArray());
        } catch (IOException e) {
            // The sender went away mid-body (or the connection broke): nothing to acknowledge, nothing stored.
            throw truncated();
        }
    }

    private static HookRejection truncated() {
        return HookRejection.malformed("the body ended before it was complete");
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The body as UTF-8 text; anything else is malformed input. */
    public String utf8() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HookRejection.malformed("the body is not valid UTF-8");
        }
    }
}
