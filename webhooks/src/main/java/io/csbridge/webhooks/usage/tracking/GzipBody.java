package io.csbridge.webhooks.usage.tracking;

import io.csbridge.webhooks.HookRejection;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One gzip member (RFC 1952), inflated with a hard limit that refuses as soon as it is crossed, and
 * checked against its CRC-32 and length. Not {@link java.util.zip.GZIPInputStream}: a body of many
 * concatenated members makes that one nest a stream per member until the thread's stack overflows.
 * The Segment libraries send one member; anything after it is refused.
 */
final class GzipBody {

    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private GzipBody() {
    }

    /** @throws HookRejection 400 when it is not one valid gzip member, or {@code tooLarge} past {@code limit} */
    static byte[] inflate(InputStream wire, int limit, Supplier<HookRejection> tooLarge) throws IOException {
        PushbackInputStream in = new PushbackInputStream(wire, 8192);
        DataInputStream data = new DataInputStream(in);
        Inflater inflater = new Inflater(true);
        try {
            header(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            CRC32 crc = new CRC32();
            byte[] input = new byte[8192];
            byte[] output = new byte[8192];
            int read = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    read = in.read(input);
                    if (read == -1) throw notGzip("the gzip body ends early");
                    inflater.setInput(input, 0, read);
                }
                if (inflater.needsDictionary()) throw notGzip("the gzip body needs a preset dictionary");
                int n = inflater.inflate(output);
                if (out.size() + n > limit) throw tooLarge.get();
                out.write(output, 0, n);
                crc.update(output, 0, n);
            }
            in.unread(input, read - inflater.getRemaining(), inflater.getRemaining());
            if (littleEndianInt(data) != (int) crc.getValue()) throw notGzip("the gzip CRC-32 does not match the content");
            if (littleEndianInt(data) != out.size()) throw notGzip("the gzip length does not match the content");
            if (in.read() != -1) throw notGzip("only one gzip member is accepted");
            return out.toByteArray();
        } catch (DataFormatException | EOFException e) {
            throw notGzip("Content-Encoding is gzip but the body is not valid gzip");
        } finally {
            inflater.end();
        }
    }

    private static void header(DataInputStream data) throws IOException {
        if (data.readUnsignedByte() != 0x1f || data.readUnsignedByte() != 0x8b || data.readUnsignedByte() != 8) {
            throw notGzip("Content-Encoding is gzip but the body is not gzip");
        }
        int flags = data.readUnsignedByte();
        data.skipNBytes(6); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) data.skipNBytes(data.readUnsignedByte() | data.readUnsignedByte() << 8);
        if ((flags & FNAME) != 0) while (data.readUnsignedByte() != 0) { /* the original file name */ }
        if ((flags & FCOMMENT) != 0) while (data.readUnsignedByte() != 0) { /* a comment */ }
        if ((flags & FHCRC) != 0) data.skipNBytes(2);
    }

    private static int littleEndianInt(DataInputStream data) throws IOException {
        return Integer.reverseBytes(data.readInt());
    }

    private static HookRejection notGzip(String detail) {
        return HookRejection.malformed(detail);
    }
}
