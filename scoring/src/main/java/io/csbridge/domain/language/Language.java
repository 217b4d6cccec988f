package io.csbridge.domain.language;

import java.util.Locale;

/** The languages CS Bridge writes its texts in (drivers in Salesforce and Zendesk, Slack alerts). */
public enum Language {
    ENGLISH("en"), JAPANESE("ja");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as configured ({@code csbridge.language=ja}). */
    public String code() {
        return code;
    }

    /** The language of a configured code ({@code ja}, {@code ja-JP}, {@code en}); English for anything else. */
    public static Language of(String code) {
        if (code == null) return ENGLISH;
        String c = code.trim().toLowerCase(Locale.ROOT);
        return c.equals("ja") || c.startsWith("ja-") || c.startsWith("ja_") ? JAPANESE : ENGLISH;
    }
}
