package io.csbridge.connectors.salesforce;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

import java.net.URI;
import java.util.Map;

/**
 * The Salesforce read endpoints the backfill and reconciliation call (Feign): the REST query API with
 * {@code nextRecordsUrl} paging, and Bulk API 2.0 query jobs. The {@link URI} parameter is the token's
 * instance_url (or, for {@link #next}, the instance_url plus a {@code nextRecordsUrl}).
 */
interface SalesforceQueryApi {

    @RequestLine("GET /services/data/{version}/query?q={soql}")
    @Headers({"Authorization: Bearer {token}", "Accept: application/json", "Sforce-Query-Options: batchSize={batch}"})
    Response query(URI instance, @Param("version") String version, @Param("token") String token,
                   @Param("soql") String soql, @Param("batch") int batchSize);

    /** GET the URI as it is: a {@code nextRecordsUrl}, or a Bulk query job's state. */
    @RequestLine("GET")
    @Headers({"Authorization: Bearer {token}", "Accept: application/json"})
    Response get(URI url, @Param("token") String token);

    @RequestLine("POST /services/data/{version}/jobs/query")
    @Headers({"Authorization: Bearer {token}", "Content-Type: application/json", "Accept: application/json"})
    Response createQueryJob(URI instance, @Param("version") String version, @Param("token") String token,
                            Map<String, Object> job);

    /** One chunk of a finished job's CSV; {@code locator} null for the first. */
    @RequestLine("GET /services/data/{version}/jobs/query/{id}/results?maxRecords={max}&locator={locator}")
    @Headers({"Authorization: Bearer {token}", "Accept: text/csv"})
    Response results(URI instance, @Param("version") String version, @Param("token") String token,
                     @Param("id") String jobId, @Param("max") int maxRecords, @Param("locator") String locator);
}
