package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What proves a Salesforce Outbound Message is ours: Salesforce cannot sign the SOAP body, so the
 * endpoint URL carries a shared {@code ?token=} ({@code salesforce.outbound-token}) and the message
 * names the org ({@code salesforce.org-id}). Both are compared in constant time.
 */
public final class OutboundMessageCredentials {

    private final String token;
    private final String organizationId;

    public OutboundMessageCredentials(String token, String organizationId) {
        this.token = token;
        this.organizationId = organizationId;
    }

    /** Checked before the body is parsed. @throws HookRejection 401 {@code invalid_token} */
    public void verifyToken(String given) {
        if (token == null || token.isBlank()) {
            throw new HookRejection(401, "invalid_token",
                    "salesforce.outbound-token is not configured: Outbound Messages cannot be verified");
        }
        if (given == null || given.isEmpty()) throw new HookRejection(401, "invalid_token", "missing ?token= in the endpoint URL");
        if (!same(token, given)) throw new HookRejection(401, "invalid_token", "?token= does not match salesforce.outbound-token");
    }

    /**
     * The OrganizationId in the message against {@code salesforce.org-id}; a configured 15-character id
     * matches the first 15 characters of the 18-character one Salesforce sends.
     *
     * @throws HookRejection 401 {@code unknown_organization}
     */
    public void verifyOrganization(String given) {
        if (organizationId == null || organizationId.isBlank()) {
            throw new HookRejection(401, "unknown_organization",
                    "salesforce.org-id is not configured: Outbound Messages cannot be verified");
        }
        String expected = organizationId.trim();
        String candidate = given == null ? "" : given.trim();
        if (expected.length() == 15 && candidate.length() == 18) candidate = candidate.substring(0, 15);
        if (!same(expected, candidate)) {
            throw new HookRejection(401, "unknown_organization", "OrganizationId is not the org configured in salesforce.org-id");
        }
    }

    /** Digests first, so that neither content nor length shows in the comparison time. */
    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
