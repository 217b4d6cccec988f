package io.csbridge.admin.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /admin/oidc/status}: {@code {"enabled":true}} when single sign-on is configured (the login page asks). */
@WebServlet("/oidc/status")
public class SingleSignOnStatus extends HttpServlet {

    @Inject
    SingleSignOn singleSignOn;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"enabled\":" + singleSignOn.enabled() + "}");
    }
}
