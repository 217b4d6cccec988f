package io.csbridge.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The exact bytes a sender signed, read with a size limit before anything else looks at them. */
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
            return new RawBody(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
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
