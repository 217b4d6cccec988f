package io.csbridge.app.integrations;

import java.util.List;

/**
 * The port for setting up, in a vendor's own admin, what CS Bridge needs there (fields, webhooks,
 * triggers ...). Adapters in the connectors module implement it. A run creates only what is missing
 * and leaves what exists, so running it twice creates nothing the second time.
 */
public interface VendorSetup {

    /** The vendor's channel name, e.g. {@code zendesk}. */
    String vendor();

    /**
     * Creates what is missing. Never throws for vendor errors: each failure is a step with its reason.
     *
     * @param hookEndpoint the public URL of CS Bridge's inbound endpoint for this vendor
     */
    List<SetupStep> run(String hookEndpoint);
}
