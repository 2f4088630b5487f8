package tradeoffs.reproduce;

import java.util.Locale;

/** How big a {@code reproduce} run is: {@code quick} (minutes on a laptop) or {@code full}. */
public enum Profile {
    QUICK, FULL;

    /** Parses "quick" or "full" (any case); the message names the option. */
    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--profile must be quick or full (got " + s + ")");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
