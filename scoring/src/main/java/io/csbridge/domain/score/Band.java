package io.csbridge.domain.score;

/** The traffic light a CS team reads first. */
public enum Band {
    GREEN("Green"), YELLOW("Yellow"), RED("Red");

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
