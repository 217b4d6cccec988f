package io.csbridge.admin.ui;

import io.csbridge.domain.language.Language;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The language a reader of the admin UI and API gets: the one they picked with the UI's switcher (cookie
 * {@code lang}), else the first of English and Japanese in their Accept-Language, else English. The UI's
 * strings and the drivers the API explains follow it.
 */
public final class ReaderLanguage {

    /** The codes of the languages CS Bridge speaks ({@link Language}), the UI's message files among them. */
    static final List<String> CODES = Arrays.stream(Language.values()).map(Language::code).toList();

    private ReaderLanguage() {
    }

    /** {@code en} or {@code ja}. */
    public static String code(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if ("lang".equals(cookie.getName()) && CODES.contains(cookie.getValue())) return cookie.getValue();
            }
        }
        if (request.getHeader("Accept-Language") != null) {
            for (Locale locale : Collections.list(request.getLocales())) {
                if (CODES.contains(locale.getLanguage())) return locale.getLanguage();
            }
        }
        return Language.ENGLISH.code();
    }

    public static Language of(HttpServletRequest request) {
        return Language.of(code(request));
    }
}
