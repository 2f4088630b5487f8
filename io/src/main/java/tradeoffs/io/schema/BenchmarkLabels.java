package tradeoffs.io.schema;

/**
 * The values of the {@link ColumnNames#BENCHMARK} column when no label is given: how the
 * benchmark's background contrast compares with its foreground contrast ({@code bg<fg},
 * {@code bg>fg} or {@code bg=fg}), the comparison the ℓ∞ scale condition is about.
 */
public final class BenchmarkLabels {
    private BenchmarkLabels() {
    }

    /** bg&lt;fg, bg&gt;fg or bg=fg. */
    public static String byContrast(double foregroundContrast, double backgroundContrast) {
        int c = Double.compare(backgroundContrast, foregroundContrast);
        return c < 0 ? "bg<fg" : (c > 0 ? "bg>fg" : "bg=fg");
    }
}
