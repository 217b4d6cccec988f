package io.csbridge.runtime;

import io.csbridge.outbox.VendorBudgets;
import io.csbridge.store.budgets.BudgetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.time.Clock;

/** The request budgets the connectors share with every node, in the database (made on first use, after the migration). */
@ApplicationScoped
public class BudgetProducer {

    @Inject
    Pipeline pipeline;
    @Inject
    Clock clock;

    @Produces
    @ApplicationScoped
    public VendorBudgets vendorBudgets() {
        return new BudgetStore(pipeline.database(), clock);
    }
}
