package tradeoffs.io.schema;

/**
 * The values of the {@link ColumnNames#BENCHMARK} column: how the benchmark's background contrast
 * compares with its foreground contrast ({@code bg<fg}, {@code bg>fg} or {@code bg=fg}; the label
 * when no other is given), a benchmark of a scale-ratio sweep ({@code r=0.8}), or the benchmark
 * without spurious correlation ({@code rho=1/K}).
 */
public final class BenchmarkLabels {
    private BenchmarkLabels() {}

    /** The benchmark trained with background and class independent (ρ = 1/K). */
    public static final String UNCORRELATED = "rho=1/K";

    /** A benchmark named by its scale ratio r (the analogue of σ_s|η|/σ_c), e.g. {@code r=0.8}. */
    public static String byScaleRatio(double r) {
        return "r=" + java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /** bg&lt;fg, bg&gt;fg or bg=fg. */
    public static String byContrast(double foregroundContrast, double backgroundContrast) {
        int c = Double.compare(backgroundContrast, foregroundContrast);
        return c < 0 ? "bg<fg" : (c > 0 ? "bg>fg" : "bg=fg");
    }
}
