package io.csbridge.app.integrations;

/**
 * One thing a vendor setup looked at: what kind (field, webhook, signing secret, trigger), its name in
 * the vendor's admin, what happened to it, and why (for a failure) or a note. Never holds a secret.
 *
 * @param outcome {@link #CREATED}, {@link #EXISTS} or {@link #FAILED}
 */
public record SetupStep(String kind, String name, String outcome, String detail) {

    public static final String CREATED = "created";
    public static final String EXISTS = "exists";
    public static final String FAILED = "failed";

    public static SetupStep created(String kind, String name) {
        return new SetupStep(kind, name, CREATED, null);
    }

    public static SetupStep exists(String kind, String name, String detail) {
        return new SetupStep(kind, name, EXISTS, detail);
    }

    public static SetupStep failed(String kind, String name, String reason) {
        return new SetupStep(kind, name, FAILED, reason);
    }
}
