package io.csbridge.admin.integrations;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.integrations.IntegrationSetups;
import io.csbridge.app.integrations.SetupStep;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/api/integrations/{vendor}/setup} (cs-admin): sets up in the vendor's admin what
 * CS Bridge needs there, creating only what is missing. Today: {@code zendesk} (organization fields,
 * the two signed webhooks, the triggers). Body {@code {}} or {@code {"endpoint":"https://host/hooks/zendesk"}}
 * (the public URL Zendesk should call, when it is not the address this request came to). Answers each
 * step: {@code created}, {@code exists} or {@code failed} with the reason.
 */
@Path("integrations")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class VendorSetupResource {

    /** The request body; every field optional. */
    public record SetupRequest(String endpoint) {
    }

    @Inject
    IntegrationSetups setups;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @POST
    @Path("{vendor}/setup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setup(@PathParam("vendor") String vendor, SetupRequest body) {
        String hook = "/hooks/" + vendor;
        String endpoint = body == null || body.endpoint() == null || body.endpoint().isBlank()
                ? request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + hook
                : checked(body.endpoint().trim(), hook);
        List<SetupStep> steps = setups.run(vendor, endpoint, security.getUserPrincipal().getName())
                .orElseThrow(() -> ApiError.notFound("no setup for " + vendor + " (there is one for zendesk)"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vendor", vendor);
        out.put("endpoint", endpoint);
        for (String outcome : List.of(SetupStep.CREATED, SetupStep.EXISTS, SetupStep.FAILED)) {
            out.put(outcome, steps.stream().filter(s -> s.outcome().equals(outcome)).count());
        }
        out.put("steps", steps);
        return out;
    }

    /** An absolute http(s) URL without credentials whose path is the vendor's hook. */
    static String checked(String endpoint, String hook) {
        try {
            URI uri = new URI(endpoint);
            if (endpoint.length() <= 2048 && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getPath() != null && uri.getPath().endsWith(hook)) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // below
        }
        throw ApiError.badRequest("endpoint must be an http(s) URL ending in " + hook + ", e.g. https://cs.example.com" + hook);
    }
}
