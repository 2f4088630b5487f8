package tradeoffs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Runs one kind of sweep point (theory, simulate; the CLI may register more, e.g. deep). A
 * runner owns its section of the configuration (for example {@code simulate: {n: ..., reps: ...}})
 * and the output columns that follow the point's parameter columns in its table.
 */
public interface PointRunner {
    /** The kind name used in the config's {@code kinds} list and as the table name. */
    String kind();

    /** The output columns, in order. */
    List<String> columns();

    /**
     * Checks this kind's config section (may be null when absent); throws IllegalArgumentException
     * naming the offending key as {@code kind.key} for unknown keys or wrong types.
     */
    void validate(JsonNode section);

    /**
     * The keys of this kind's config section that may be given as a list, each list being a grid
     * axis of this kind's points (docs/sweep.md, "Kind-section axes"). Every key listed must be
     * echoed in one of {@link #columns()} under the same name, so a point's concrete value shows in
     * the kind's table. Default: none.
     */
    default List<String> sweepableKeys() {
        return List.of();
    }

    /**
     * Checks a concrete point before the sweep starts (sizes against the heap and array limits,
     * anything {@link #validate} cannot see without the point's model) and returns its estimated
     * peak memory in bytes (0 when negligible or unknown); a ParameterException names the
     * section's key. Default: nothing to check.
     */
    default double check(SweepPoint point, JsonNode section) {
        return 0;
    }

    /**
     * Runs the point (at least one row); each row has one cell per {@link #columns()} (numbers, strings or null).
     * Randomness must come only from (seed, point.index()), so results do not depend on threads
     * or shards.
     */
    List<List<Object>> run(SweepPoint point, JsonNode section, long seed);

    /**
     * As {@link #run(SweepPoint, JsonNode, long)}, allowed to use {@code threads} threads inside
     * the point (the sweep passes more than one when fewer points than threads remain). The rows
     * must not depend on {@code threads}. By default the point runs on one thread.
     */
    default List<List<Object>> run(SweepPoint point, JsonNode section, long seed, int threads) {
        return run(point, section, seed);
    }
}
