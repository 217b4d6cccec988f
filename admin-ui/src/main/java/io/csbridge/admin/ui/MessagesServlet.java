package io.csbridge.admin.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /admin/i18n/messages}: every UI string in the reader's language: the one they picked with
 * the switcher (cookie {@code lang}), else the first of English and Japanese in their Accept-Language,
 * else English. The strings live in {@code WEB-INF/i18n/messages_<lang>.json}.
 */
@WebServlet("/i18n/messages")
public class MessagesServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String lang = ReaderLanguage.code(request);
        byte[] messages;
        try (InputStream in = getServletContext().getResourceAsStream("/WEB-INF/i18n/messages_" + lang + ".json")) {
            messages = in.readAllBytes();
        }
        response.setHeader("Vary", "Accept-Language, Cookie");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Language", lang);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        var out = response.getOutputStream();
        out.write(("{\"lang\":\"" + lang + "\",\"messages\":").getBytes(StandardCharsets.UTF_8));
        out.write(messages);
        out.write('}');
    }
}
