package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.csbridge.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.created;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class ZendeskFieldSetupTest {

    static final String FIELDS = "/api/v2/organization_fields.json";
    final WireMockServer zd = new WireMockServer(options().dynamicPort());

    @AfterEach
    void stop() {
        zd.stop();
    }

    @Test
    void setupCreatesOnlyTheMissingFieldsAndTheBandAsATaggingDropDown() throws Exception {
        zd.start();
        zd.stubFor(get(FIELDS).willReturn(okJson("{\"organization_fields\":[{\"id\":1,\"key\":\"cs_health_score\","
                + "\"type\":\"integer\"},{\"id\":2,\"key\":\"region\",\"type\":\"text\"}],\"next_page\":null,\"count\":2}")));
        zd.stubFor(post(FIELDS).willReturn(created().withHeader("Content-Type", "application/json")
                .withBody("{\"organization_field\":{\"id\":3}}")));

        List<String> made = new ZendeskFieldSetup(zd.baseUrl(), "Basic eA==").createMissing();

        assertThat(made).containsExactly("cs_health_band", "cs_churn_risk", "cs_onboarding_completion");
        JsonNode band = Json.MAPPER.readTree(zd.findAll(postRequestedFor(urlEqualTo(FIELDS))).get(0).getBodyAsString())
                .get("organization_field");
        assertThat(band.get("type").asText()).isEqualTo("dropdown");
        assertThat(band.get("custom_field_options").findValuesAsText("value"))
                .containsExactly("cs_health_green", "cs_health_yellow", "cs_health_red", "cs_health_unknown");
    }

    @Test
    void aBandDropDownMadeBeforeTheUnknownBandGetsTheOptionAndKeepsItsOwn() throws Exception {
        zd.start();
        zd.stubFor(get(FIELDS).willReturn(okJson("{\"organization_fields\":["
                + "{\"id\":1,\"key\":\"cs_health_score\",\"type\":\"integer\"},"
                + "{\"id\":2,\"key\":\"cs_health_band\",\"type\":\"dropdown\",\"custom_field_options\":["
                + "{\"id\":21,\"name\":\"Green\",\"value\":\"cs_health_green\"},"
                + "{\"id\":22,\"name\":\"Yellow\",\"value\":\"cs_health_yellow\"},"
                + "{\"id\":23,\"name\":\"Red\",\"value\":\"cs_health_red\"}]},"
                + "{\"id\":3,\"key\":\"cs_churn_risk\",\"type\":\"integer\"},"
                + "{\"id\":4,\"key\":\"cs_onboarding_completion\",\"type\":\"integer\"}],\"next_page\":null}")));
        zd.stubFor(put("/api/v2/organization_fields/2.json").willReturn(okJson("{\"organization_field\":{\"id\":2}}")));

        List<String> made = new ZendeskFieldSetup(zd.baseUrl(), "Basic eA==").createMissing();

        assertThat(made).containsExactly("cs_health_band (options added)");
        JsonNode options = Json.MAPPER.readTree(zd.findAll(putRequestedFor(urlEqualTo("/api/v2/organization_fields/2.json")))
                .get(0).getBodyAsString()).get("organization_field").get("custom_field_options");
        assertThat(options.findValuesAsText("value"))
                .containsExactly("cs_health_green", "cs_health_yellow", "cs_health_red", "cs_health_unknown");
        assertThat(options.get(0).get("id").asInt()).isEqualTo(21);
        assertThat(zd.findAll(postRequestedFor(urlEqualTo(FIELDS)))).isEmpty();
    }
}
