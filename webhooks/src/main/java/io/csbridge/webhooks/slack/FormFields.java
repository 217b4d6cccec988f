package io.csbridge.webhooks.slack;

import io.csbridge.webhooks.HookRejection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body as Slack sends it (slash commands, the
 * interactivity {@code payload}), decoded strictly: a broken escape or bytes that are not UTF-8 are
 * malformed input, not silently replaced characters.
 */
final class FormFields {

    private static final int MAX_FIELDS = 64;

    private FormFields() {
    }

    /** Field name to value; when a name repeats, the first value counts. */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) return fields;
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) continue;
            if (fields.size() == MAX_FIELDS) throw HookRejection.malformed("more than " + MAX_FIELDS + " form fields");
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) throw HookRejection.malformed("a form field ends in a broken %-escape");
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) throw HookRejection.malformed("a form field holds a broken %-escape");
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw HookRejection.malformed("a form body must be URL-encoded ASCII");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HookRejection.malformed("a form field is not UTF-8");
        }
    }
}
