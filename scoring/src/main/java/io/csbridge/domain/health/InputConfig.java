package io.csbridge.domain.health;

import java.util.HashSet;
import java.util.List;

/**
 * What to look for in the signals: the product's key features (event names) and how old an input may
 * be before it is flagged stale.
 */
public record InputConfig(List<String> keyFeatures, int usageStaleAfterDays, int npsStaleAfterDays) {

    public InputConfig {
        keyFeatures = keyFeatures == null ? null : List.copyOf(keyFeatures);
    }

    public static InputConfig standard() {
        return new InputConfig(List.of(), 14, 180);
    }

    public void check(String where, List<String> problems) {
        if (keyFeatures == null) problems.add(where + ": 'keyFeatures' is required (may be empty)");
        else {
            if (keyFeatures.size() > 64) problems.add(where + ": at most 64 key features");
            if (new HashSet<>(keyFeatures).size() != keyFeatures.size()) problems.add(where + ": key features repeat");
            if (keyFeatures.stream().anyMatch(k -> k == null || k.isBlank())) problems.add(where + ": a key feature is blank");
        }
        if (usageStaleAfterDays < 1) problems.add(where + ": usageStaleAfterDays must be at least 1");
        if (npsStaleAfterDays < 1) problems.add(where + ": npsStaleAfterDays must be at least 1");
    }
}
