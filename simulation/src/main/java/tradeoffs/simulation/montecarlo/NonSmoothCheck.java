package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.regression.GLSMultipleLinearRegression;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.NonSmoothLabels;

/**
 * Agreement at non-smooth points judged by convergence in n (docs/math.md §7.4): a Monte Carlo row
 * marked non-smooth ({@link NonSmooth}) whose |z| exceeds {@link #Z_LIMIT} is run again, with the
 * same repetitions and held-out size, at n/4 and n/16 (the ladder n/16, n/4, n; the run itself is
 * the top rung, so the check costs about 31% of the point). The bias b_k = mean_k − theory is
 * fitted on n by weighted least squares in logs,
 *
 * <pre>  log |b_k| = a + slope·log n_k,   Var log |b_k| = (se_k / b_k)²  (delta method),</pre>
 *
 * through Commons Math {@link GLSMultipleLinearRegression} with that diagonal covariance, whose
 * slope variance (XᵀΩ⁻¹X)⁻¹ uses the known variances; the 95% interval is slope ± 1.96·sd. The
 * row <b>converges</b> when the interval lies below 0 (the bias shrinks) and its lower end is at
 * most rate + {@link #RATE_TOLERANCE} (the data allow the derived rate n^rate: −0.5 at a kink or a
 * non-negative quantity at 0, −1 for a block norm; {@link NonSmoothLabels#rate}). A wrong theory
 * value leaves a bias that does not shrink (slope near 0) and fails. Such a row's z-score is then
 * explained; a large |z| that is not marked, or whose ladder does not converge, is not.
 *
 * <p>Streams: rung n/k of grid point p uses point index p + k·2⁴⁸, so its samples are independent
 * of every grid point's.
 */
public final class NonSmoothCheck {
    /** Rows with |z| above this are checked (|z| &gt; 4 has probability 6e-5 for a smooth row). */
    public static final double Z_LIMIT = 4.0;
    /** How far above the derived rate the slope's interval may start. */
    public static final double RATE_TOLERANCE = 0.1;
    /** The ladder: n/16, n/4, n. */
    static final int[] DIVISORS = {16, 4, 1};
    /** The smallest rung run: below it the check is not run and the row stays unexplained. */
    public static final int MIN_RUNG = 50;

    private static final long POINT_OFFSET = 1L << 48;
    private static final double Z95 = 1.959963984540054;

    private NonSmoothCheck() {}

    /** One rung of a ladder: the estimate at sample size n. */
    public record Rung(int n, Estimate estimate) {
        public double bias() {
            return estimate.mean() - estimate.theory();
        }
    }

    /**
     * The check of one row.
     *
     * @param point the grid point's result (the top rung)
     * @param quantity the row's quantity
     * @param kind its non-smooth kind
     * @param rungs the ladder, smallest n first (empty when not run)
     * @param slope fitted log-log slope of |bias| on n (NaN when not run)
     * @param slopeLow lower end of its 95% interval
     * @param slopeHigh upper end
     * @param converges whether the rule above holds
     */
    public record Check(
            MonteCarloResult point,
            String quantity,
            String kind,
            List<Rung> rungs,
            double slope,
            double slopeLow,
            double slopeHigh,
            boolean converges) {
        public Check {
            rungs = List.copyOf(rungs);
        }

        /** The derived exponent the bias must at least fall with. */
        public double rate() {
            return NonSmoothLabels.rate(kind);
        }

        /**
         * One line for people: "  linf eps=0.3 w_spurious (kink): z = 9.65; bias … at n = …: slope
         * … [… , …], rate −0.5: converges (explained)".
         */
        public String describe() {
            MonteCarloSpec s = point.spec();
            String head = String.format(
                    Locale.ROOT,
                    "  %s eps=%s %s (%s): z = %.2f",
                    s.attack().name(),
                    s.eps(),
                    quantity,
                    kind,
                    point.estimate(quantity).z());
            if (rungs.isEmpty()) {
                return head + String.format(Locale.ROOT, "; not checked: n/16 < %d; NOT explained", MIN_RUNG);
            }
            List<String> bias = new ArrayList<>();
            List<String> ns = new ArrayList<>();
            for (Rung r : rungs) {
                bias.add(String.format(Locale.ROOT, "%.3g", r.bias()));
                ns.add(Integer.toString(r.n()));
            }
            return head
                    + String.format(
                            Locale.ROOT,
                            "; bias %s at n = %s: slope %.2f [%.2f, %.2f], rate %.1f: %s",
                            String.join(", ", bias),
                            String.join(", ", ns),
                            slope,
                            slopeLow,
                            slopeHigh,
                            rate(),
                            converges ? "converges (explained)" : "does not converge (NOT explained)");
        }
    }

    /** Whether a row needs the check: marked non-smooth and |z| &gt; {@link #Z_LIMIT}. */
    public static boolean needsCheck(Estimate e) {
        return !e.nonSmooth().isEmpty() && Math.abs(e.z()) > Z_LIMIT;
    }

    /**
     * Checks every row of {@code results} that needs it, running the extra rungs of all of them
     * together on {@code threads} threads. Rows follow the order of results and quantities.
     */
    public static List<Check> run(
            List<MonteCarloResult> results, int threads, Consumer<String> progress, boolean includeUncertified) {
        List<MonteCarloResult> flagged = new ArrayList<>();
        List<MonteCarloSpec> specs = new ArrayList<>();
        for (MonteCarloResult r : results) {
            if (r.estimates().stream().noneMatch(NonSmoothCheck::needsCheck)
                    || r.spec().n() / DIVISORS[0] < minRung(r)) {
                continue;
            }
            flagged.add(r);
            MonteCarloSpec s = r.spec();
            for (int k = 0; k < DIVISORS.length - 1; k++) {
                specs.add(new MonteCarloSpec(
                        s.scenario(),
                        s.attack(),
                        s.eps(),
                        s.n() / DIVISORS[k],
                        s.nTest(),
                        s.reps(),
                        s.seed(),
                        s.point() + DIVISORS[k] * POINT_OFFSET));
            }
        }
        List<MonteCarloResult> rungs =
                specs.isEmpty() ? List.of() : MonteCarlo.runAll(specs, threads, progress, includeUncertified);
        Map<MonteCarloResult, List<MonteCarloResult>> ladders = new LinkedHashMap<>();
        for (int i = 0; i < flagged.size(); i++) {
            int per = DIVISORS.length - 1;
            List<MonteCarloResult> ladder = new ArrayList<>(rungs.subList(i * per, (i + 1) * per));
            ladder.add(flagged.get(i));
            ladders.put(flagged.get(i), ladder);
        }
        List<Check> out = new ArrayList<>();
        for (MonteCarloResult r : results) {
            for (Estimate e : r.estimates()) {
                if (!needsCheck(e)) {
                    continue;
                }
                List<MonteCarloResult> ladder = ladders.get(r);
                if (ladder == null) {
                    out.add(new Check(
                            r, e.quantity(), e.nonSmooth(), List.of(), Double.NaN, Double.NaN, Double.NaN, false));
                    continue;
                }
                List<Rung> rs = new ArrayList<>();
                for (MonteCarloResult x : ladder) {
                    rs.add(new Rung(x.spec().n(), x.estimate(e.quantity())));
                }
                out.add(fit(r, e.quantity(), e.nonSmooth(), rs));
            }
        }
        return out;
    }

    private static int minRung(MonteCarloResult r) {
        return Math.max(MIN_RUNG, 10 * r.theory().w().length);
    }

    /** The weighted log-log fit of a ladder and the verdict (see the class comment). */
    static Check fit(MonteCarloResult point, String quantity, String kind, List<Rung> rungs) {
        int m = rungs.size();
        double[] y = new double[m];
        double[][] x = new double[m][1];
        double[][] omega = new double[m][m];
        for (int k = 0; k < m; k++) {
            Rung r = rungs.get(k);
            double b = Math.abs(r.bias());
            double se = r.estimate().se();
            if (!(b > 0) || !(se > 0) || !Double.isFinite(b / se)) {
                return new Check(point, quantity, kind, rungs, Double.NaN, Double.NaN, Double.NaN, false);
            }
            y[k] = Math.log(b);
            x[k][0] = Math.log(r.n());
            omega[k][k] = (se / b) * (se / b);
        }
        GLSMultipleLinearRegression gls = new GLSMultipleLinearRegression();
        gls.newSampleData(y, x, omega);
        double slope = gls.estimateRegressionParameters()[1];
        double sd = Math.sqrt(gls.estimateRegressionParametersVariance()[1][1]);
        double low = slope - Z95 * sd;
        double high = slope + Z95 * sd;
        boolean converges = high < 0 && low <= NonSmoothLabels.rate(kind) + RATE_TOLERANCE;
        return new Check(point, quantity, kind, rungs, slope, low, high, converges);
    }

    /** The columns after the scenario labels of {@link #table}. */
    public static final List<String> COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.QUANTITY,
            ColumnNames.NON_SMOOTH,
            ColumnNames.N,
            ColumnNames.REPS,
            ColumnNames.THEORY,
            ColumnNames.MEAN,
            ColumnNames.SE,
            ColumnNames.BIAS,
            ColumnNames.Z,
            ColumnNames.MEAN_OVER_SD,
            ColumnNames.SLOPE,
            ColumnNames.SLOPE_CI_LOW,
            ColumnNames.SLOPE_CI_HIGH,
            ColumnNames.RATE,
            ColumnNames.CONVERGES);

    /**
     * One row per (check, rung): the scenarios' labels (every label column of any check, empty where
     * a scenario has none), then {@link #COLUMNS}; the slope, its
     * interval, the rate and the verdict repeat on every rung of a check. A check that was not run
     * (n/16 below {@link #MIN_RUNG}) has one row, at the run's n, with an empty slope and
     * {@code converges} false.
     */
    public static ResultTable table(List<Check> checks) {
        if (checks.isEmpty()) {
            return ResultTable.builder(COLUMNS).build();
        }
        java.util.LinkedHashSet<String> union = new java.util.LinkedHashSet<>();
        for (Check c : checks) {
            union.addAll(c.point().spec().scenario().labels().keySet());
        }
        List<String> labels = new ArrayList<>(union);
        List<String> columns = new ArrayList<>(labels);
        columns.addAll(COLUMNS);
        ResultTable.Builder b = ResultTable.builder(columns);
        for (Check c : checks) {
            List<Rung> rungs = c.rungs().isEmpty()
                    ? List.of(new Rung(c.point().spec().n(), c.point().estimate(c.quantity())))
                    : c.rungs();
            for (Rung r : rungs) {
                List<Object> row = new ArrayList<>();
                for (String l : labels) {
                    row.add(c.point().spec().scenario().labels().getOrDefault(l, ""));
                }
                Estimate e = r.estimate();
                row.add(c.point().spec().attack().name());
                row.add(c.point().spec().eps());
                row.add(c.quantity());
                row.add(c.kind());
                row.add(r.n());
                row.add(c.point().spec().reps());
                row.add(e.theory());
                row.add(e.mean());
                row.add(e.se());
                row.add(r.bias());
                row.add(e.z());
                row.add(e.sd() > 0 ? r.bias() / e.sd() : Double.NaN);
                row.add(c.slope());
                row.add(c.slopeLow());
                row.add(c.slopeHigh());
                row.add(c.rate());
                row.add(c.converges());
                b.row(row.toArray());
            }
        }
        return b.build();
    }
}
