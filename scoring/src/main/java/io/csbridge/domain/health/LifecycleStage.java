package io.csbridge.domain.health;

/**
 * Where an account is in its life with the product: a new customer is judged on onboarding progress,
 * an established one on adoption, so each stage can have its own health model.
 */
public enum LifecycleStage {
    ONBOARDING, ADOPTED,
    /** In a model's {@code stage}: applies to both. */
    ANY;

    public boolean covers(LifecycleStage stage) {
        return this == ANY || this == stage;
    }
}
