package tradeoffs.simulation.montecarlo;

import static tradeoffs.io.schema.ColumnNames.NON_SMOOTH;
import static tradeoffs.io.schema.ColumnNames.Z;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.io.TableSink;
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

    /**
     * The {@code simulate} command's run: a line saying what runs, the run ({@link #run}, progress on
     * the sink's standard error), then the table (CSV, or the JSON document of {@link MonteCarloJson})
     * to {@code sink}, the bias ladders beside a file ({@code FILE.nonsmooth.csv}), the manifest
     * (with a file: the run's parameters, {@code threads}, the seed, the compute time and the
     * provenance), and on standard error the {@link Outcome#summary} and each ladder's verdict.
     *
     * @param data the model {@code request}'s scenario comes from
     * @param etaTest the shifted domain's η′, or null
     * @param eps the ε grid as given
     */
    public static void write(
            SimulationRequest request,
            DataModel data,
            Double etaTest,
            Grid eps,
            int threads,
            TableSink sink,
            Manifest manifest) {
        PrintWriter err = sink.stderr();
        err.printf(
                "simulate: %d points x %d repetitions at n = %d on %d thread(s)%n",
                request.specs().size(), request.reps(), request.n(), threads);
        err.flush();
        long t0 = System.nanoTime();
        Outcome o = run(request, threads, Progress.lines(err));
        double seconds = (System.nanoTime() - t0) / 1e9;
        ResultTable table = o.table();
        String text = sink.csv()
                ? table.toCsv()
                : Json.write(MonteCarloJson.document(data.describe(), etaTest, request, o, seconds));
        if (!o.checks().isEmpty()) {
            sink.writeBeside(".nonsmooth.csv", o.ladders().toCsv());
        }
        if (sink.out() != null) {
            data.runParameters(request.norms(), eps, etaTest).forEach(manifest::parameter);
            request.parameters().forEach(manifest::parameter);
            manifest.parameter("threads", threads).parameter("include_uncertified", request.includeUncertified());
            manifest.seed(request.seed())
                    .timing("compute_seconds", seconds)
                    .put("provenance", Map.of("method", SimulationRequest.PROVENANCE));
        }
        sink.emit(text, table.size(), sink.out() == null ? null : manifest);
        err.println(o.summary(seconds));
        o.checks().forEach(c -> err.println(c.describe()));
        err.flush();
    }
}
