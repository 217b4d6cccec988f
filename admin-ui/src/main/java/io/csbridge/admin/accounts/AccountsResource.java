package io.csbridge.admin.accounts;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.AsOf;
import io.csbridge.admin.Roles;
import io.csbridge.admin.ui.ReaderLanguage;
import io.csbridge.app.accounts.AccountQueries;
import io.csbridge.app.identities.IdentityLinks;
import io.csbridge.domain.language.Language;
import io.csbridge.domain.scoring.AccountView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/api/accounts}: every account's health and why, now or as of any past moment; the drivers are
 * explained in the reader's language ({@link ReaderLanguage}).
 */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class AccountsResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    AccountQueries accounts;

    @Inject
    IdentityLinks identities;

    /** The reader's language (the UI's switcher, else Accept-Language): the drivers are explained in it. */
    @Context
    HttpServletRequest request;

    @GET
    public Map<String, Object> list(@QueryParam("asOf") String asOf,
                                    @QueryParam("segment") String segment,
                                    @QueryParam("band") String band,
                                    @QueryParam("owner") String owner,
                                    @QueryParam("onboarding") String onboarding,
                                    @QueryParam("q") String query,
                                    @QueryParam("sort") String sort,
                                    @QueryParam("limit") @DefaultValue("50") String limit,
                                    @QueryParam("offset") @DefaultValue("0") String offset) {
        int n = number("limit", limit, 1, MAX_LIMIT);
        int from = number("offset", offset, 0, Integer.MAX_VALUE);
        if (sort != null && !sort.isBlank() && !sort.replaceFirst("^-", "").matches("id|name|health|risk|arr|atRisk")) {
            throw ApiError.badRequest("sort must be id, name, health, risk, arr or atRisk (prefix - to reverse)");
        }
        AccountQueries.Page page;
        try {
            page = accounts.list(AsOf.parse(asOf), new AccountQueries.Filter(segment, band, owner, onboarding, query, sort), n, from);
        } catch (AccountQueries.TooManyToScore e) {
            throw new ApiError(422, "too_many_accounts", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Language language = ReaderLanguage.of(request);
        out.put("items", page.items().stream().map(v -> v.in(language)).toList());
        out.put("total", page.total());
        return out;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        AccountQueries.Detail detail = accounts.detail(id, AsOf.parse(asOf))
                .orElseThrow(() -> ApiError.notFound("no account with id '" + id + "'"));
        AccountView view = detail.view().in(ReaderLanguage.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", view.id());
        out.put("name", view.name());
        out.put("healthScore", view.healthScore());
        out.put("band", view.band());
        out.put("churnRisk", view.churnRisk());
        out.put("onboardingCompletion", view.onboardingCompletion());
        out.put("segment", view.segment());
        out.put("trend", view.trend());
        out.put("asOf", view.asOf());
        out.put("drivers", view.drivers());
        out.put("keys", view.keys());
        out.put("owner", view.owner());
        out.put("arr", view.arr());
        out.put("onboardingState", view.onboardingState());
        out.put("renewalDate", view.renewalDate());
        out.put("staleInputs", view.staleInputs());
        out.put("onboarding", detail.onboarding());
        out.put("signalCount", detail.signalCount());
        out.put("history", detail.history());
        return out;
    }

    /** Body of a merge: the account that goes away into this one. */
    public record MergeRequest(String from) {
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> merge(@PathParam("id") String id, MergeRequest request, @Context SecurityContext security) {
        if (request == null || request.from() == null || request.from().isBlank()) throw ApiError.badRequest("from is required");
        try {
            identities.merge(id, request.from(), security.getUserPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, "conflict", e.getMessage());
        }
        return get(id, null);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
    }
}
