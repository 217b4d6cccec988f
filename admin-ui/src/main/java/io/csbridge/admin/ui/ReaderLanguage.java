package io.csbridge.admin.ui;

import io.csbridge.domain.language.Language;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The language a reader of the admin UI and API gets: the one they picked with the UI's switcher (cookie
 * {@code lang}), else the first of English and Japanese in their Accept-Language, else English. The UI's
 * strings and the drivers the API explains follow it.
 */
public final class ReaderLanguage {

    static final List<String> CODES = List.of("en", "ja");

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
        return "en";
    }

    public static Language of(HttpServletRequest request) {
        return Language.of(code(request));
    }
}
