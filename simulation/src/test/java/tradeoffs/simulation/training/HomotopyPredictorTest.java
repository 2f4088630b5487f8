package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * {@link HomotopyPredictor} against the smoothed optima themselves: Newton run to convergence at
 * the widths s and s' (an independent route to w(s'), no derivative of the path), for the ℓ∞
 * attack (Σ√(w_j² + ν²), zeros in w) and the ℓ1 attack (soft maximum, ties in w). Over a short
 * stage (s' = 0.99 s) the Euler predictor is first-order exact, so its error is second order, a
 * small fraction of the distance w(s) → w(s'); over a stage of the solver (s' = 0.1 s) it must
 * still land nearer w(s') than w(s) is.
 */
class HomotopyPredictorTest {
    private static final double STOP = 1e-22;

    @Test
    void predictsTheNextSmoothedOptimum() {
        Sample sample = HardSamples.sample(600, 10, 1, false, 31);
        SufficientStatistics stats = new SufficientStatistics(sample);
        for (LpNorm attack : new LpNorm[] {LpNorm.LINF, LpNorm.L1}) {
            double eps = 0.3 * ExactnessTest.zeroThreshold(sample, attack);
            FitRun run = new FitRun(stats, attack.p(), eps, 1e-9);
            double q = run.q;
            double[] ls = stats.solveGram(stats.xty);
            double rScale = Math.sqrt(stats.meanSquaredResidual(ls));
            double wScale = LpNorm.LINF.norm(ls);
            double s = 1e-2;
            double[] w = solve(run, ls, s * rScale, s * wScale, q);
            for (double ratio : new double[] {0.99, 0.1}) {
                double[] next = solve(run, w, ratio * s * rScale, ratio * s * wScale, q);
                double[] predicted =
                        HomotopyPredictor.predict(run, w, s * rScale, s * wScale, ratio, v -> NormTerm.smoothed(q, v));
                double stay = distance(w, next);
                double error = distance(predicted, next);
                String what = attack.name() + " ratio " + ratio + ": |w(s) - w(s')| = " + stay
                        + ", |prediction - w(s')| = " + error;
                assertTrue(stay > 0, what);
                assertTrue(error <= (ratio > 0.5 ? 0.01 : 0.5) * stay, what);
            }
        }
    }

    private static double[] solve(FitRun run, double[] start, double mu, double nu, double q) {
        return NewtonOnFace.newton(run, start, null, mu, NormTerm.smoothed(q, nu), STOP, 500);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
