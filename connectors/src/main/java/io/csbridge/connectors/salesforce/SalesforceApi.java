package io.csbridge.connectors.salesforce;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

import java.net.URI;
import java.util.Map;

/**
 * The Salesforce data endpoints CS Bridge calls, as a Feign client (feign-java11, which can PATCH).
 * The {@link URI} parameter is the token's instance_url. Methods return the raw {@link Response} so
 * status, {@code Sforce-Limit-Info} and error bodies are read in one place.
 */
interface SalesforceApi {

    @RequestLine("PATCH /services/data/{version}/composite/sobjects")
    @Headers({"Authorization: Bearer {token}", "Content-Type: application/json", "Accept: application/json"})
    Response updateRecords(URI instance, @Param("version") String version, @Param("token") String token,
                           Map<String, Object> collection);

    /**
     * Creates or updates records by an External Id field (sObject Collections upsert): a record whose key
     * exists is updated, so sending the same record twice creates it once.
     */
    @RequestLine("PATCH /services/data/{version}/composite/sobjects/{type}/{field}")
    @Headers({"Authorization: Bearer {token}", "Content-Type: application/json", "Accept: application/json"})
    Response upsertRecords(URI instance, @Param("version") String version, @Param("token") String token,
                           @Param("type") String type, @Param("field") String externalIdField,
                           Map<String, Object> collection);

    /** One User's e-mail address: an owner named by User Id is mentioned in Slack through it. */
    @RequestLine("GET /services/data/{version}/sobjects/User/{id}?fields=Email")
    @Headers({"Authorization: Bearer {token}", "Accept: application/json"})
    Response user(URI instance, @Param("version") String version, @Param("token") String token, @Param("id") String id);

    /** The OAuth token endpoint on the login host; the body is the form-encoded grant. */
    interface OAuth {
        @RequestLine("POST /services/oauth2/token")
        @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
        Response token(URI loginHost, String form);
    }
}
