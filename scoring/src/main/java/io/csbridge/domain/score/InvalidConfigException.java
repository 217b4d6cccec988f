package io.csbridge.domain.score;

import java.util.List;

/** A scoring configuration that cannot be used, with every problem found (the admin API shows them all). */
public final class InvalidConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid scoring configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
