package io.csbridge.admin;

import io.csbridge.inbox.PipelineUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** While the database is unreachable the API says so with 503, instead of failing obscurely. */
@Provider
public class UnavailableMapper implements ExceptionMapper<PipelineUnavailableException> {

    @Override
    public Response toResponse(PipelineUnavailableException e) {
        return Response.fromResponse(ApiError.response(503, "unavailable", e.getMessage())).header("Retry-After", "5").build();
    }
}
