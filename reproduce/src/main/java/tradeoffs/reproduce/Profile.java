package tradeoffs.reproduce;

import java.util.Locale;
import tradeoffs.theory.ParameterException;

/** How big a {@code reproduce} run is: {@code quick} (minutes on a laptop) or {@code full}. */
public enum Profile {
    QUICK,
    FULL;

    /** Parses "quick" or "full" (any case); anything else is a ParameterException about {@code profile}. */
    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new ParameterException("profile", "must be quick or full", s);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
