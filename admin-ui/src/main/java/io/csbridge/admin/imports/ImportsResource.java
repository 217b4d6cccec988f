package io.csbridge.admin.imports;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.imports.SampleData;
import io.csbridge.app.imports.UsageImports;
import io.csbridge.app.jobs.JobView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /admin/api/imports/usage}: NDJSON of Segment messages ({@code application/x-ndjson}, optionally
 * {@code Content-Encoding: gzip}, up to 1 GiB), read from the request as a stream: 202 with the import's job,
 * read like a backfill at {@code /admin/api/backfills/{id}}.
 */
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class ImportsResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    UsageImports imports;
    @Inject
    SampleData sample;

    @Context
    SecurityContext security;

    @POST
    @Path("usage")
    @Consumes(NDJSON)
    public Response usage(@Context HttpServletRequest request) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().toLowerCase(Locale.ROOT).equals("gzip");
        if (encoding != null && !encoding.isBlank() && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiError(415, "unsupported_encoding", "Content-Encoding must be gzip or none, not " + encoding);
        }
        if (request.getContentLengthLong() > UsageImports.MAX_BYTES) {
            throw new ApiError(413, "payload_too_large", "the file is larger than " + UsageImports.MAX_BYTES + " bytes");
        }
        JobView job;
        try {
            job = imports.upload(request.getInputStream(), gzip, security.getUserPrincipal().getName());
        } catch (UsageImports.UploadRefused e) {
            throw new ApiError(e.status(), e.error(), e.getMessage());
        }
        return accepted(job);
    }

    /** Whether the Integrations page offers "Load sample data" (only while nothing was ever received). */
    @GET
    @Path("sample")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Map<String, Object> sampleOffered() {
        return Map.of("offered", sample.offered());
    }

    /** Imports the shipped sample portfolio through the usage import: 202, or 409 once data exists. */
    @POST
    @Path("sample")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response loadSample() {
        try {
            return accepted(sample.load(security.getUserPrincipal().getName()));
        } catch (UsageImports.UploadRefused e) {
            throw new ApiError(e.status(), e.error(), e.getMessage());
        }
    }

    private static Response accepted(JobView job) {
        return Response.accepted(Map.of("id", String.valueOf(job.id()), "source", job.source(), "state", job.state(),
                        "processed", job.processed(), "startedAt", job.startedAt()))
                .location(URI.create("backfills/" + job.id())).build();
    }
}
