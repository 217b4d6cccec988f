package io.csbridge.app.audit;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.settings.AuditJournal;
import io.csbridge.store.settings.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Every change people made: who, when, before, after. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    Pipeline pipeline;

    /** Newest first; only the changes to {@code subject} when it is given. */
    public List<AuditLog.Entry> recent(String subject, int limit) {
        return new AuditJournal(pipeline.database()).recent(subject, limit);
    }
}
