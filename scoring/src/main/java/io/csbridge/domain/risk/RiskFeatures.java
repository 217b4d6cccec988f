package io.csbridge.domain.risk;

import java.util.ArrayList;
import java.util.List;

/** The fitted model's inputs: every rule's severity (0 when it has no input), in rule order. */
public final class RiskFeatures {

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (RiskRule rule : RiskRule.values()) names.add(rule.label());
        NAMES = List.copyOf(names);
    }

    private RiskFeatures() {
    }
}
