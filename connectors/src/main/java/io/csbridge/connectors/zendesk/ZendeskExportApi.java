package io.csbridge.connectors.zendesk;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Zendesk's incremental exports and satisfaction ratings as a typed MicroProfile Rest Client (the Zendesk
 * Java client covers only the older time-based ticket export). Answers are read as raw responses so that a
 * 429's {@code Retry-After} and the body are read in one place ({@link ZendeskExports}).
 */
@RegisterRestClient(configKey = "zendesk-export")
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskExportApi {

    /** The cursor-based incremental ticket export, first call. */
    @GET
    @Path("/incremental/tickets/cursor.json")
    Response ticketsSince(@QueryParam("start_time") long startTime);

    /** The cursor-based incremental ticket export, every later call ({@code after_cursor}). */
    @GET
    @Path("/incremental/tickets/cursor.json")
    Response ticketsAfter(@QueryParam("cursor") String cursor);

    /** The time-based incremental organization export. */
    @GET
    @Path("/incremental/organizations.json")
    Response organizationsSince(@QueryParam("start_time") long startTime);

    /** Satisfaction ratings with cursor pagination; {@code after} null for the first page. */
    @GET
    @Path("/satisfaction_ratings.json")
    Response ratings(@QueryParam("start_time") long startTime, @QueryParam("page[size]") int size,
                     @QueryParam("page[after]") String after);
}
