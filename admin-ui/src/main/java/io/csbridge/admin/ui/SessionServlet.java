package io.csbridge.admin.ui;

import io.csbridge.admin.Roles;
import io.csbridge.admin.security.BrowserSession;
import io.csbridge.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/session}: who is logged in, whether they may change things, and the CSRF token the
 * UI must send with each change. Behind the login like every page.
 */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> roles = new ArrayList<>();
        for (String role : List.of(Roles.ADMIN, Roles.VIEWER)) if (request.isUserInRole(role)) roles.add(role);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
        out.put("roles", roles);
        out.put("canChange", roles.contains(Roles.ADMIN));
        out.put("csrfToken", BrowserSession.of(request).map(BrowserSession::csrfToken).orElse(null));
        var session = request.getSession(false);
        out.put("timeoutSeconds", session == null ? null : session.getMaxInactiveInterval());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.MAPPER.writeValue(response.getOutputStream(), out);
    }
}
