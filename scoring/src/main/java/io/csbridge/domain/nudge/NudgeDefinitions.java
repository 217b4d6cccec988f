package io.csbridge.domain.nudge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every nudge CS defined, in priority order (the first due one is shown). Saved as one versioned setting. */
public record NudgeDefinitions(List<Nudge> nudges) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public NudgeDefinitions {
        nudges = nudges == null ? List.of() : List.copyOf(nudges);
    }

    public static NudgeDefinitions none() {
        return new NudgeDefinitions(List.of());
    }

    public List<Nudge> enabled() {
        return nudges.stream().filter(Nudge::enabled).toList();
    }

    public java.util.Optional<Nudge> byId(String id) {
        return nudges.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Everything that makes these definitions unusable, one line each (empty when they are fine). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nudges.size(); i++) {
            Nudge n = nudges.get(i);
            String at = "nudges[" + i + "]";
            if (n.id() == null || !ID.matcher(n.id()).matches()) {
                out.add(at + ".id must be 1-64 letters, digits, '.', '_' or '-'");
                continue;
            }
            if (!seen.add(n.id())) out.add(at + ".id '" + n.id() + "' is used twice");
            if (n.messages().isEmpty()) out.add(n.id() + ": a message in at least one language (en, ja) is needed");
            n.messages().forEach((language, m) -> {
                if (!language.equals("en") && !language.equals("ja")) out.add(n.id() + ": language '" + language + "' is not en or ja");
                if (m.title().isBlank()) out.add(n.id() + "." + language + ": a title is needed");
                if (m.title().length() > 120 || m.body().length() > 1000 || m.buttonLabel().length() > 60)
                    out.add(n.id() + "." + language + ": title up to 120, body up to 1000, button up to 60 characters");
                if (!m.buttonUrl().isEmpty() && !m.buttonUrl().matches("(https?://|/)[^\\s<>\"]*"))
                    out.add(n.id() + "." + language + ": the button URL must start with http://, https:// or /");
            });
            if (n.targeting().inactiveDays() < 0) out.add(n.id() + ": inactiveDays cannot be negative");
            if (n.untilTimes() > 100) out.add(n.id() + ": untilTimes is at most 100");
        }
        return out;
    }
}
