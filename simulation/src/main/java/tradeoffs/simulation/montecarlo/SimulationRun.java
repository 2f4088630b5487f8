package tradeoffs.simulation.montecarlo;

import static tradeoffs.io.schema.ColumnNames.NON_SMOOTH;
import static tradeoffs.io.schema.ColumnNames.Z;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ZScores;

/**
 * Runs a {@link SimulationRequest}: the Monte Carlo of every grid point ({@link MonteCarlo}), then,
 * when asked, the bias ladders of the rows at non-smooth points with |z| &gt; 4 ({@link
 * NonSmoothCheck}, docs/math.md §7.4). Results depend only on the request, never on the threads.
 */
public final class SimulationRun {
    private SimulationRun() {}

    /**
     * What a run found.
     *
     * @param results one result per grid point, in the request's order
     * @param checks the bias ladders (empty when the check was off or nothing needed one)
     */
    public record Outcome(List<MonteCarloResult> results, List<NonSmoothCheck.Check> checks) {
        public Outcome {
            results = List.copyOf(results);
            checks = List.copyOf(checks);
        }

        /** The estimates as a table ({@link MonteCarloTable}). */
        public ResultTable table() {
            return MonteCarloTable.of(results);
        }

        /** The bias ladders as a table ({@link NonSmoothCheck#table}). */
        public ResultTable ladders() {
            return NonSmoothCheck.table(checks);
        }

        /**
         * One line: the estimates, then |z| at smooth points and the rows at non-smooth points
         * (docs/math.md §7.4), whose z is not read as a test.
         */
        public String summary(double seconds) {
            ResultTable table = table();
            double[] all = table.doubles(Z);
            List<String> marks = table.strings(NON_SMOOTH);
            double[] smooth = IntStream.range(0, all.length)
                    .filter(i -> marks.get(i).isEmpty())
                    .mapToDouble(i -> all[i])
                    .toArray();
            long marked = marks.stream().filter(m -> !m.isEmpty()).count();
            long markedLarge = IntStream.range(0, all.length)
                    .filter(i -> !marks.get(i).isEmpty() && Math.abs(all[i]) > NonSmoothCheck.Z_LIMIT)
                    .count();
            ZScores z = ZScores.of(smooth);
            return String.format(
                    Locale.ROOT,
                    "simulate: %d estimates; at smooth points max |z| = %.2f, %d with |z| > 2 (%.1f%%)"
                            + "; %d at non-smooth points (column non_smooth), %d of them with |z| > 4; %.1f s",
                    ZScores.of(all).count(),
                    z.count() == 0 ? 0.0 : z.maxAbs(),
                    z.over2(),
                    z.count() == 0 ? 0.0 : z.percentOver2(),
                    marked,
                    markedLarge,
                    seconds);
        }
    }

    /** Runs {@code request} on {@code threads} threads; progress lines go to {@code progress}. */
    public static Outcome run(SimulationRequest request, int threads, Consumer<String> progress) {
        List<MonteCarloResult> results =
                MonteCarlo.runAll(request.specs(), threads, progress, request.includeUncertified());
        List<NonSmoothCheck.Check> checks =
                request.kinkCheck() ? NonSmoothCheck.run(results, threads, progress, false) : List.of();
        return new Outcome(results, checks);
    }
}
