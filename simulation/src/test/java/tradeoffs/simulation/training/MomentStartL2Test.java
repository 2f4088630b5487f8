package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.optim.DampedNewton;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * The ℓ2 attack's start from the moment surrogate G with N = ‖w‖₂ (docs/math.md §6.3 item 7): G and its
 * derivatives against G written from the rows and finite differences, and the start's effect on
 * a fit (closer to the certified optimum than least squares, fewer passes over the rows, the
 * same certified answer as a fit started at least squares).
 */
class MomentStartL2Test {
    private static final double KAPPA = 0.8;

    /** G(w) = m₂ + 2εκ‖w‖√m₂ + ε²‖w‖² with m₂ = (1/n)Σ r_i² summed over the rows. */
    private static double surrogateFromRows(Sample s, double eps, double[] w) {
        double m2 = 0;
        for (int i = 0; i < s.n(); i++) {
            double r = s.y()[i];
            for (int j = 0; j < s.d(); j++) {
                r -= s.x()[i * s.d() + j] * w[j];
            }
            m2 += r * r;
        }
        m2 /= s.n();
        double nw = LpNorm.L2.norm(w);
        return m2 + 2 * eps * KAPPA * nw * Math.sqrt(m2) + eps * eps * nw * nw;
    }

    private static double threshold(Sample s) {
        double[] xty = new double[s.d()];
        double abs = 0;
        for (int i = 0; i < s.n(); i++) {
            for (int j = 0; j < s.d(); j++) {
                xty[j] += s.x()[i * s.d() + j] * s.y()[i];
            }
            abs += Math.abs(s.y()[i]);
        }
        return LpNorm.L2.norm(xty) / abs;
    }

    @Test
    void valueGradientAndHessianMatchTheRowsAndFiniteDifferences() {
        Sample s = SignPieceNewtonTest.sample(400, 5, 11);
        SufficientStatistics st = new SufficientStatistics(s);
        double eps = 0.3 * threshold(s);
        MomentStart.Surrogate f = new MomentStart.Surrogate(st, eps, KAPPA, new NormTerm.L2());
        double[] w = st.solveGram(st.xty);
        for (int j = 0; j < w.length; j++) {
            w[j] *= 0.7 + 0.05 * j; // away from least squares, where Sw − c = 0
        }
        int d = w.length;
        DampedNewton.Point p = f.at(w);
        assertEquals(surrogateFromRows(s, eps, w), p.value(), 1e-12 * p.value());
        assertEquals(p.value(), f.value(w), 1e-14 * p.value());
        double h = 1e-5;
        double[] hess = f.hessian().clone(); // written by at(w) above
        for (int j = 0; j < d; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            double fd = (surrogateFromRows(s, eps, up) - surrogateFromRows(s, eps, down)) / (2 * h);
            assertEquals(fd, p.gradient()[j], 1e-7 * (1 + Math.abs(fd)), "gradient " + j);
            double[] gUp = f.at(up).gradient();
            double[] gDown = f.at(down).gradient();
            for (int k = 0; k < d; k++) {
                double fd2 = (gUp[k] - gDown[k]) / (2 * h);
                assertEquals(fd2, hess[j * d + k], 1e-6 * (1 + Math.abs(fd2)), "hessian " + j + "," + k);
            }
        }
    }

    @Test
    void startLiesCloserToTheOptimumAndSavesPasses() {
        // n·d above the sign-piece route's bound: the smoothing stages run, from the surrogate
        Sample s = SignPieceNewtonTest.sample(20_000, 20, 5);
        double t = threshold(s);
        for (double fraction : new double[] {0.05, 0.5}) {
            EmpiricalAdversarialTraining training = EmpiricalAdversarialTraining.of(s);
            double eps = fraction * t;
            double[] w0 = training.leastSquares();
            EmpiricalFit cold = training.fit(LpNorm.L2, eps);
            // a warm start skips the surrogate: from least squares itself, the route before it
            EmpiricalFit fromLeastSquares =
                    training.fit(LpNorm.L2, eps, EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, w0);
            assertTrue(cold.certified() && fromLeastSquares.certified());
            assertEquals(fromLeastSquares.objective(), cold.objective(), 1e-9 * cold.objective());
            // passes count the loops over all n rows: at 0.5 of the threshold the first Newton steps
            // from least squares move every residual too far for the classes (3 such loops, then the
            // final check); from the surrogate the classes take over after the first
            assertTrue(
                    fraction == 0.5
                            ? cold.passes() < fromLeastSquares.passes()
                            : cold.passes() <= fromLeastSquares.passes(),
                    fraction + ": " + cold.passes() + " passes against " + fromLeastSquares.passes());
            FitRun run = new FitRun(new SufficientStatistics(s), 2, eps, 1e-9);
            double[] start = MomentStart.minimiseL2(run, w0);
            double[] gram = training.gram();
            double fromStart = sNorm(gram, start, cold.w());
            double fromLs = sNorm(gram, w0, cold.w());
            assertTrue(fromStart < 0.2 * fromLs, fraction + ": " + fromStart + " against " + fromLs);
        }
    }

    @Test
    void signPiecesFromTheStartScreenAtTheirFirstStep() {
        // n ≥ 10d² and n·d within the sign-piece route's bound: the pieces start from the surrogate
        // (the benchmark's core/spurious sample: 10 core and 10 spurious features, FiniteSampleInstance)
        CoreSpuriousModel model = new CoreSpuriousModel(10, 10, 1.0, 2.0, 0.5, 0.5);
        Sample s = new CoreSpuriousSampler(model).sample(10_000, new Streams(3).stream(0, 0, Streams.TRAIN));
        assertTrue(s.n() >= EmpiricalAdversarialTraining.PIECES_MOMENT_MIN_RATIO * 20 * 20);
        double t = threshold(s);
        for (double fraction : new double[] {0.05, 0.5}) {
            EmpiricalAdversarialTraining training = EmpiricalAdversarialTraining.of(s);
            double eps = fraction * t;
            EmpiricalFit cold = training.fit(LpNorm.L2, eps);
            // a warm start skips the surrogate: the pieces from least squares, the route before it
            EmpiricalFit fromLeastSquares = training.fit(
                    LpNorm.L2, eps, EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, training.leastSquares());
            // the smoothing stages alone, an independent route to the same optimum
            EmpiricalFit smoothed =
                    training.fit(LpNorm.L2, eps, EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, null, false);
            assertTrue(cold.certified() && fromLeastSquares.certified() && smoothed.certified());
            assertEquals(smoothed.objective(), cold.objective(), 1e-9 * cold.objective());
            // two loops over all rows, the first residuals and the certificate: the first step from
            // the surrogate's minimiser already screens the rows
            assertEquals(2, cold.passes(), fraction + ": passes");
            assertTrue(
                    cold.passes() < fromLeastSquares.passes(),
                    fraction + ": " + cold.passes() + " passes against " + fromLeastSquares.passes());
        }
    }

    @Test
    void startIsLeastSquaresWhenTheResidualsVanish() {
        // y = Xβ exactly: m₂ = 0 at least squares, where √m₂ is not smooth
        Sample noisy = SignPieceNewtonTest.sample(200, 3, 2);
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            y[i] = noisy.x()[3 * i] - 2 * noisy.x()[3 * i + 2];
        }
        Sample exact = new Sample(200, 3, noisy.x(), y);
        SufficientStatistics st = new SufficientStatistics(exact);
        double[] w0 = st.solveGram(st.xty);
        FitRun run = new FitRun(st, 2, 0.1 * threshold(exact), 1e-9);
        assertArrayEquals(w0, MomentStart.minimiseL2(run, w0));
    }

    /** √((a − b)ᵀS(a − b)): the root mean square of the residual changes between a and b. */
    private static double sNorm(double[] gram, double[] a, double[] b) {
        int d = a.length;
        double v = 0;
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                v += (a[j] - b[j]) * gram[j * d + k] * (a[k] - b[k]);
            }
        }
        return Math.sqrt(v);
    }
}
