package io.csbridge.connectors.zendesk;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The organization fields CS Bridge writes. {@code cs_health_band} is a drop-down field whose option
 * tags are {@code cs_health_green|yellow|red|unknown}: setting it makes Zendesk put that tag on the
 * organization and take the other band tags off, while the organization's other tags stay. So one
 * {@code update_many} writes fields and tag together, without reading the organizations first.
 */
public final class ZendeskOrganizationFields {

    public static final String HEALTH_SCORE = "cs_health_score";
    public static final String HEALTH_BAND = "cs_health_band";
    public static final String CHURN_RISK = "cs_churn_risk";
    public static final String ONBOARDING_COMPLETION = "cs_onboarding_completion";

    private ZendeskOrganizationFields() {
    }

    /** The band's tag: {@code cs_health_green}, {@code cs_health_yellow}, {@code cs_health_red}, {@code cs_health_unknown}. */
    public static String bandTag(Band band) {
        return "cs_health_" + band.name().toLowerCase(Locale.ROOT);
    }

    public static Map<String, Object> fields(AccountScore score) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(HEALTH_SCORE, score.healthScore());
        out.put(HEALTH_BAND, bandTag(score.band()));
        out.put(CHURN_RISK, score.churnRisk());
        out.put(ONBOARDING_COMPLETION, score.onboardingCompletion());
        return out;
    }
}
