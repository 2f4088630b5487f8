package tradeoffs.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registry of sweep kinds by name. The kinds the tool offers (theory, simulate, deep) are
 * {@code tradeoffs.sweep.kind.SweepKinds#all}; tests may register their own.
 */
public final class PointRunners {
    private final Map<String, PointRunner> runners = new LinkedHashMap<>();

    /** Adds (or replaces) a kind. */
    public PointRunners register(PointRunner runner) {
        runners.put(runner.kind(), runner);
        return this;
    }

    /** The kinds, in registration order. */
    public Map<String, PointRunner> asMap() {
        return java.util.Collections.unmodifiableMap(runners);
    }
}
