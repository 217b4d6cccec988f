package io.csbridge.webhooks;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Inbound webhooks, under the WAR's context root {@code /hooks}. */
@ApplicationPath("/")
public class HooksApplication extends Application {
}
