package io.csbridge.app.integrations;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.settings.AuditJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Runs a vendor's setup ({@link VendorSetup}) for a cs-admin and audits what it created. One run at a
 * time per server, so two clicks cannot create a thing twice.
 */
@ApplicationScoped
public class IntegrationSetups {

    @Inject
    Instance<VendorSetup> setups;

    @Inject
    Pipeline pipeline;

    /** @return empty when no setup exists for that vendor */
    public synchronized Optional<List<SetupStep>> run(String vendor, String hookEndpoint, String by) {
        for (VendorSetup setup : setups) {
            if (!setup.vendor().equals(vendor)) continue;
            List<SetupStep> steps = setup.run(hookEndpoint);
            List<String> created = steps.stream().filter(s -> SetupStep.CREATED.equals(s.outcome()))
                    .map(s -> s.kind() + " " + s.name()).toList();
            if (!created.isEmpty()) {
                new AuditJournal(pipeline.database()).record(pipeline.clock().instant(), by, "integration.setup",
                        vendor, null, String.join(", ", created));
            }
            return Optional.of(steps);
        }
        return Optional.empty();
    }
}
