package io.csbridge.webhooks.nudges;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.List;

/**
 * CORS for the nudge endpoints: the product's pages (origins in {@code nudges.allowed-origins}, comma
 * separated; an entry may end in {@code :*} for any port) may call them from the browser. Other origins
 * get no CORS headers, so their pages cannot read the answers. Applies to errors too.
 */
@Provider
public class NudgeCors implements ContainerResponseFilter {

    static List<String> allowed() {
        String list = ConfigProvider.getConfig().getOptionalValue("nudges.allowed-origins", String.class).orElse("");
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static boolean allows(String origin, List<String> allowed) {
        if (origin == null || origin.isBlank()) return false;
        for (String a : allowed) {
            if (a.equals(origin)) return true;
            if (a.endsWith(":*") && origin.startsWith(a.substring(0, a.length() - 1))
                    && origin.substring(a.length() - 1).matches("[0-9]{1,5}")) return true;
        }
        return false;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("nudges") && !request.getUriInfo().getPath().startsWith("/nudges")) return;
        String origin = request.getHeaderString("Origin");
        response.getHeaders().add("Vary", "Origin");
        if (!allows(origin, allowed())) return;
        response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
        response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        response.getHeaders().putSingle("Access-Control-Allow-Headers", "Content-Type");
        response.getHeaders().putSingle("Access-Control-Max-Age", "600");
    }
}
