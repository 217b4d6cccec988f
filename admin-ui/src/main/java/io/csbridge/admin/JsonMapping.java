package io.csbridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.csbridge.json.Json;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The API speaks JSON with ISO-8601 times, through the application's one mapper. */
@Provider
public class JsonMapping implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return Json.MAPPER;
    }
}
