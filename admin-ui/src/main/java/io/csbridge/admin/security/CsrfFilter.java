package io.csbridge.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Changes made from a logged-in browser must carry the session's token in {@code X-CSRF-Token}: another
 * site can make the browser send the session cookie, but cannot read the token. Programs calling the
 * API with HTTP Basic and no session are not affected. Any change a browser marks as sent from another
 * site ({@code Sec-Fetch-Site: cross-site}) is refused too, which covers Basic credentials a browser remembered.
 */
@WebFilter(urlPatterns = "/api/*")
public class CsrfFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (BrowserSession.changes(request.getMethod())) {
            var session = BrowserSession.of(request);
            if (AdminAuthentication.crossSite(request)) {
                refuse(response, "a change sent from another site");
                return;
            }
            if (session.isPresent() && !session.get().acceptsToken(request.getHeader(BrowserSession.CSRF_HEADER))) {
                refuse(response, "a change from the browser session needs its " + BrowserSession.CSRF_HEADER + " header");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"csrf\",\"detail\":\"" + detail + "\"}");
    }
}
