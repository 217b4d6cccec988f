package io.csbridge.domain.score;

import io.csbridge.domain.settings.InvalidDefinition;
import java.util.List;

/** A scoring configuration that cannot be used, with every problem found (the admin API shows them all). */
public final class InvalidConfigException extends InvalidDefinition {

    public InvalidConfigException(List<String> problems) {
        super("invalid scoring configuration: ", problems);
    }
}
