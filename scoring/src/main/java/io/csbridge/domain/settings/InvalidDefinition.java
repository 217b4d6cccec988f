package io.csbridge.domain.settings;

import java.util.List;

/**
 * A definition a CS admin saves (the scoring model, alert rules, nudges) that reads but cannot be used,
 * with every problem found: an editor shows them all at once.
 */
public class InvalidDefinition extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidDefinition(List<String> problems) {
        this("", problems);
    }

    /** @param what prefixed to the message, e.g. "invalid scoring configuration: " */
    protected InvalidDefinition(String what, List<String> problems) {
        super(what + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
