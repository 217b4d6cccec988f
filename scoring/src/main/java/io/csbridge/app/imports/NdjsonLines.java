package io.csbridge.app.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an NDJSON stream, one at a time, with their numbers and the byte offset after each (the
 * import's checkpoint), in bounded memory: a line longer than {@link #MAX_LINE} (the webhook's body
 * limit) is skipped to its end and reported, never held whole.
 */
final class NdjsonLines {

    static final int MAX_LINE = 1 << 20;

    /** One line: its text, or why it cannot be read. */
    record Line(long number, String text, String problem) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private long number;
    private long offset;

    /** Reading {@code in} positioned after line {@code linesBefore}, at byte {@code offsetBefore}. */
    NdjsonLines(InputStream in, long linesBefore, long offsetBefore) {
        this.in = in;
        this.number = linesBefore;
        this.offset = offsetBefore;
    }

    /** Lines read so far. */
    long number() {
        return number;
    }

    /** Bytes of the (uncompressed) stream consumed so far: where the next line starts. */
    long offset() {
        return offset;
    }

    /** @return the next line, or null at the end of the stream */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') pos++;
            int n = pos - start;
            offset += n;
            if (!tooLong && length + n > MAX_LINE) tooLong = true;
            if (!tooLong) {
                if (length + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                System.arraycopy(buffer, start, line, length, n);
                length += n;
            }
            if (pos < limit) {
                pos++;
                offset++;
                break;
            }
        }
        number++;
        if (tooLong) return new Line(number, null, "the line is longer than " + MAX_LINE + " bytes");
        if (length > 0 && line[length - 1] == '\r') length--;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length)).toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not valid UTF-8");
        }
    }
}
