package io.csbridge.admin.security;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The session cookie of a browser that came over HTTPS is sent {@code Secure}, so it never travels in
 * clear. web.xml cannot say "only over HTTPS" (that would break plain-HTTP installs), so the cookie the
 * server set for the new session is set again, the same but {@code Secure} (same name and path: it
 * replaces the first).
 */
final class SessionCookie {

    private SessionCookie() {
    }

    static void secure(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        Cookie cookie = new Cookie(config.getName() == null ? "JSESSIONID" : config.getName(), session.getId());
        String path = config.getPath();
        cookie.setPath(path == null || path.isEmpty() ? contextPath(request) : path);
        if (config.getDomain() != null) cookie.setDomain(config.getDomain());
        cookie.setMaxAge(config.getMaxAge());
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        response.addCookie(cookie);
    }

    private static String contextPath(HttpServletRequest request) {
        String path = request.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
