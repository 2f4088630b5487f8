package tradeoffs.simulation.attack;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.ResultTable;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.AdversarialRisk;
import tradeoffs.theory.sample.Sample;

/**
 * How close PGD gets to the exact worst case of a linear model (docs/math.md §2.1) after k steps:
 * for every example the relative gap (L* − L_k)/L*, with L* = (|y − wᵀx| + ε‖w‖_q)² from the
 * theory module, summarised by its maximum and mean over the examples; and the first step at
 * which the maximum falls to a target (e.g. 1e-6).
 */
public final class PgdGapStudy {
    private PgdGapStudy() {}

    /**
     * @param maxRelativeGap max over examples of the relative gap after each step (index k−1 for step k)
     * @param meanRelativeGap mean over examples
     */
    public record Result(LinearPgd pgd, int examples, double[] maxRelativeGap, double[] meanRelativeGap) {
        /** The first step k with max relative gap ≤ target, or −1 if none within the steps run. */
        public int stepsToReach(double target) {
            for (int k = 0; k < maxRelativeGap.length; k++) {
                if (maxRelativeGap[k] <= target) {
                    return k + 1;
                }
            }
            return -1;
        }

        /** Columns: norm, eps, step_size, random_start, step, max_rel_gap, mean_rel_gap. */
        public ResultTable table() {
            ResultTable.Builder b = ResultTable.builder(
                    "norm", "eps", "step_size", "random_start", "step", "max_rel_gap", "mean_rel_gap");
            for (int k = 0; k < maxRelativeGap.length; k++) {
                b.row(
                        pgd.norm().name(),
                        pgd.eps(),
                        pgd.stepSize(),
                        pgd.randomStart(),
                        k + 1,
                        maxRelativeGap[k],
                        meanRelativeGap[k]);
            }
            return b.build();
        }
    }

    /** Runs {@code steps} PGD steps on every example of {@code data} against the linear model w. */
    public static Result run(LinearPgd pgd, double[] w, Sample data, int steps, long seed) {
        if (steps < 1) {
            throw new ParameterException("steps", "must be >= 1", steps);
        }
        int d = data.d();
        if (w.length != d) {
            throw new ParameterException("w", "must have " + d + " entries", w.length);
        }
        double[] max = new double[steps];
        double[] mean = new double[steps];
        double[] x = new double[d];
        Streams streams = new Streams(seed);
        for (int i = 0; i < data.n(); i++) {
            System.arraycopy(data.x(), i * d, x, 0, d);
            double y = data.y()[i];
            double best = AdversarialRisk.worstCaseLoss(w, x, y, pgd.norm(), pgd.eps());
            double[] delta = pgd.start(d, streams.stream(0, i, Streams.ATTACK));
            for (int k = 0; k < steps; k++) {
                pgd.step(w, x, y, delta);
                double gap = best > 0 ? Math.max(0, best - LinearPgd.loss(w, x, y, delta)) / best : 0;
                max[k] = Math.max(max[k], gap);
                mean[k] += gap / data.n();
            }
        }
        return new Result(pgd, data.n(), max, mean);
    }

    /** Studies of several PGD configurations on the same model and data, in order. */
    public static List<Result> runAll(List<LinearPgd> pgds, double[] w, Sample data, int steps, long seed) {
        List<Result> out = new ArrayList<>();
        for (LinearPgd p : pgds) {
            out.add(run(p, w, data, steps, seed));
        }
        return out;
    }
}
