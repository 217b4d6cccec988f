package io.csbridge.admin;

/** The two roles: administrators change settings, viewers only read. */
public final class Roles {

    public static final String ADMIN = "cs-admin";
    public static final String VIEWER = "cs-viewer";

    private Roles() {
    }
}
