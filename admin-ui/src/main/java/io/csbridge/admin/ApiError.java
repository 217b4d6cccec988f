package io.csbridge.admin;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** An API error as {@code {"error": ..., "detail": ...}}. */
public final class ApiError extends WebApplicationException {

    public ApiError(int status, String error, String detail) {
        super(detail, response(status, error, detail));
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, "bad_request", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "not_found", detail);
    }

    static Response response(int status, String error, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
