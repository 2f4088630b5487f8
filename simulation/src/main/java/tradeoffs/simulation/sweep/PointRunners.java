package tradeoffs.simulation.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of sweep kinds: theory and simulate built in; callers may add their own. */
public final class PointRunners {
    private final Map<String, PointRunner> runners = new LinkedHashMap<>();

    /** A registry with the built-in kinds (theory, simulate). */
    public static PointRunners defaults() {
        return new PointRunners().register(new TheoryPointRunner()).register(new SimulatePointRunner());
    }

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
