package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * How the finite-sample weights approach the population solution as n grows: for each n, the
 * root-mean-square error RMSE(n) = √(mean over reps of ‖ŵ − w*‖₂²), then the least-squares slope
 * of log RMSE against log n (Commons Math {@link SimpleRegression}). For a well-posed M-estimator
 * the error is O(n^(−1/2)), so the slope should be close to −0.5. This is the one place the slope is
 * fitted: {@link Result#table} writes it (with its standard error and 95% interval) on every row,
 * and the figures and the report read it from there.
 */
public final class ConvergenceStudy {
    private ConvergenceStudy() {}

    /** RMSE of the weights at one sample size, with its standard error (delta method). */
    public record Row(int n, int reps, double rmse, double rmseSe) {}

    /**
     * The study's rows and the fitted log-log slope with its standard error and 95% interval.
     */
    public record Result(
            LpNorm attack,
            double eps,
            List<Row> rows,
            double slope,
            double slopeSe,
            double slopeCiLow,
            double slopeCiHigh) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** Columns: norm, eps, n, reps, rmse_w, rmse_se, slope, slope_se, slope_ci_low, slope_ci_high. */
        public ResultTable table() {
            ResultTable.Builder b = ResultTable.builder(
                    ColumnNames.NORM,
                    ColumnNames.EPS,
                    ColumnNames.N,
                    ColumnNames.REPS,
                    ColumnNames.RMSE_W,
                    ColumnNames.RMSE_SE,
                    ColumnNames.SLOPE,
                    ColumnNames.SLOPE_SE,
                    ColumnNames.SLOPE_CI_LOW,
                    ColumnNames.SLOPE_CI_HIGH);
            for (Row r : rows) {
                b.row(
                        attack.name(),
                        eps,
                        r.n(),
                        r.reps(),
                        r.rmse(),
                        r.rmseSe(),
                        slope,
                        slopeSe,
                        slopeCiLow,
                        slopeCiHigh);
            }
            return b.build();
        }
    }

    /**
     * Runs the study: {@code reps} repetitions at each n of {@code sizes} (point index i for the
     * i-th size, so streams differ between sizes).
     */
    public static Result run(
            Scenario scenario, LpNorm attack, double eps, int[] sizes, int reps, long seed, int threads) {
        if (sizes.length < 2) {
            throw new ParameterException("sizes", "must hold at least 2 sample sizes", sizes.length);
        }
        List<MonteCarloSpec> specs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            specs.add(new MonteCarloSpec(scenario, attack, eps, sizes[i], 0, reps, seed, i));
        }
        List<MonteCarloResult> results = MonteCarlo.runAll(specs, threads);
        double[] wStar = results.get(0).theory().w();
        List<Row> rows = new ArrayList<>();
        SimpleRegression fit = new SimpleRegression();
        for (int i = 0; i < sizes.length; i++) {
            List<double[]> ws = results.get(i).weights();
            double[] sq = new double[ws.size()];
            double mean = 0;
            for (int r = 0; r < sq.length; r++) {
                double s = 0;
                for (int j = 0; j < wStar.length; j++) {
                    double e = ws.get(r)[j] - wStar[j];
                    s += e * e;
                }
                sq[r] = s;
                mean += s / sq.length;
            }
            double var = 0;
            for (double s : sq) {
                var += (s - mean) * (s - mean) / (sq.length - 1);
            }
            double rmse = Math.sqrt(mean);
            double se = Math.sqrt(var / sq.length) / (2 * rmse);
            rows.add(new Row(sizes[i], reps, rmse, se));
            fit.addData(Math.log(sizes[i]), Math.log(rmse));
        }
        double slope = fit.getSlope();
        double slopeSe = fit.getSlopeStdErr();
        double half = sizes.length > 2 ? fit.getSlopeConfidenceInterval(0.05) : Double.NaN;
        return new Result(attack, eps, rows, slope, slopeSe, slope - half, slope + half);
    }
}
