package io.csbridge.app.model;

import io.csbridge.store.settings.SettingsStore;

import java.time.Instant;

/** One saved version of a setting (the scoring model, the alert rules): who saved it when, and why. */
public record SavedVersion(int version, Instant savedAt, String savedBy, String note) {

    static SavedVersion of(SettingsStore.Version v) {
        return new SavedVersion(v.version(), v.createdAt(), v.createdBy(), v.note());
    }
}
