package io.csbridge.domain.score;

/**
 * The traffic light a CS team reads first. {@link #UNKNOWN} is not a colour: the account has too
 * little evidence (too few of the model's measures had inputs) to be judged, so it is neither
 * reassuring nor alarming, and no "entered Red" alert can come of it.
 */
public enum Band {
    GREEN("Green"), YELLOW("Yellow"), RED("Red"), UNKNOWN("Unknown");

    private final String label;

    Band(String label) {
        this.label = label;
    }

    /** The value written to Salesforce and shown in the admin API. */
    public String label() {
        return label;
    }

    public static Band fromLabel(String label) {
        for (Band band : values()) {
            if (band.label.equalsIgnoreCase(label)) return band;
        }
        throw new IllegalArgumentException("unknown band: " + label);
    }
}
