package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tradeoffs.theory.optim.Vectors.dot;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * The ℓ2 attack's Newton direction by projected CG with a kept factorisation (docs/math.md §6.3
 * item 6; with targets A p = t, item 8) against the dense KKT system of the piece's Hessian
 * (formed by {@link SignPiece#objective}, itself checked against finite differences of F in
 * {@link SignPieceNewtonTest}) solved by EJML's LU, and the d = 100 route's certified fits against
 * the smoothing route's.
 */
class PieceDirectionTest {
    /** y = Σ_j β_j x_j + N(0, 1) with β_j = 0.5 + 0.05j. */
    private static Sample sample(int n, int d, long seed) {
        return SignPieceNewtonTest.sample(n, d, seed, (v, j) -> v * (0.5 + 0.05 * j));
    }

    /** b, t of the sign piece at w (signs of the residuals; none held), as {b..., t}. */
    private static double[] piece(Sample s, double[] w) {
        int n = s.n();
        int d = s.d();
        double[] bt = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double r = s.y()[i];
            for (int j = 0; j < d; j++) {
                r -= s.x()[i * d + j] * w[j];
            }
            double sg = r >= 0 ? 1 : -1;
            for (int j = 0; j < d; j++) {
                bt[j] += sg * s.x()[i * d + j] / n;
            }
            bt[d] += sg * s.y()[i] / n;
        }
        return bt;
    }

    /** The KKT solution [H Aᵀ; A 0][p; λ] = [−g; 0] by a dense LU (EJML), p returned. */
    private static double[] kkt(double[] hess, double[] g, double[][] a, int d) {
        return kkt(hess, g, a, new double[a.length], d);
    }

    /** The KKT solution [H Aᵀ; A 0][p; λ] = [−g; t] by a dense LU (EJML), p returned. */
    private static double[] kkt(double[] hess, double[] g, double[][] a, double[] t, int d) {
        int h = a.length;
        DMatrixRMaj k = new DMatrixRMaj(d + h, d + h);
        DMatrixRMaj rhs = new DMatrixRMaj(d + h, 1);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                k.set(i, j, hess[i * d + j]);
            }
            rhs.set(i, 0, -g[i]);
        }
        for (int c = 0; c < h; c++) {
            for (int j = 0; j < d; j++) {
                k.set(d + c, j, a[c][j]);
                k.set(j, d + c, a[c][j]);
            }
            rhs.set(d + c, 0, t[c]);
        }
        DMatrixRMaj sol = new DMatrixRMaj(d + h, 1);
        assertTrue(CommonOps_DDRM.solve(k, rhs, sol));
        double[] p = new double[d];
        for (int j = 0; j < d; j++) {
            p[j] = sol.get(j, 0);
        }
        return p;
    }

    @Test
    void directionWithAStaleFactorMatchesTheDenseKktSolve() {
        int n = 400;
        int d = 70; // ≥ PieceDirection.KEEP_MIN_D: the factor at w1 is kept for the step at w2
        Sample s = sample(n, d, 5);
        SufficientStatistics st = new SufficientStatistics(s);
        double eps = 0.4 * LpNorm.L2.norm(st.xty) / st.meanAbsY;
        SplittableRandom rng = new SplittableRandom(11);
        double[] ls = st.solveGram(st.xty);
        double[] w1 = new double[d];
        double[] w2 = new double[d];
        for (int j = 0; j < d; j++) {
            w1[j] = 0.8 * ls[j] + 0.05 * rng.nextGaussian();
            w2[j] = w1[j] + 0.05 * rng.nextGaussian();
        }
        PieceDirection direction = new PieceDirection(st);
        double[] p = new double[d];
        double[] model = new double[d];
        // M factored at w1 (its own piece) ...
        double[] bt1 = piece(s, w1);
        double[] b1 = java.util.Arrays.copyOf(bt1, d);
        double[] g1 = new double[d];
        SignPiece.objective(st, eps, b1, bt1[d], w1, st.gramTimes(w1), g1, null);
        direction.at(eps, w1, b1, bt1[d] - dot(b1, w1));
        assertTrue(direction.solve(g1, new double[0][], new int[0], 1.0, p, model));
        // ... then the step at w2, on w2's piece, with held rows and with targets
        double[] bt2 = piece(s, w2);
        double[] b2 = java.util.Arrays.copyOf(bt2, d);
        double[] g2 = new double[d];
        double[] hess = new double[d * d];
        double f2 = SignPiece.objective(st, eps, b2, bt2[d], w2, st.gramTimes(w2), g2, hess);
        int[] keys = {3, 17, 42, 101, 250};
        double[][] a = new double[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            a[k] = java.util.Arrays.copyOfRange(s.x(), keys[k] * d, keys[k] * d + d);
        }
        // f scales CG's tolerance: with F itself the first steps' 1e-10 on rᵀP(r) (a few
        // digits in p), with F = 1e30 the floor 1e-28 (p to round-off)
        for (double f : new double[] {f2, 1e30}) {
            {
                direction.at(eps, w2, b2, bt2[d] - dot(b2, w2));
                int before = direction.factorisations;
                assertTrue(direction.solve(g2, a, keys, f, p, model));
                if (f == f2) {
                    assertEquals(before, direction.factorisations, "the step at w2 used the factor from w1");
                    assertTrue(direction.iterations >= 2, "CG iterations " + direction.iterations);
                }
                double[] ref = kkt(hess, g2, a, d);
                double scale = Math.sqrt(dot(ref, ref));
                for (int j = 0; j < d; j++) {
                    assertEquals(ref[j], p[j], (f == f2 ? 1e-4 : 1e-10) * scale, "p_" + j);
                }
                for (int k = 0; k < keys.length; k++) {
                    assertEquals(0, dot(a[k], p), 1e-12 * scale * Math.sqrt(dot(a[k], a[k])), "A p");
                }
                for (int j = 0; j < d; j++) {
                    double hp = g2[j];
                    for (int c = 0; c < d; c++) {
                        hp += hess[j * d + c] * p[c];
                    }
                    assertEquals(hp, model[j], 1e-9 * Math.sqrt(dot(g2, g2)), "g + Hp, entry " + j);
                }
            }
        }
        // the kept columns M⁻¹x_k are found by sample row, not by position: the held rows in
        // reverse order (the kept list is searched) give the same step as the dense KKT solve
        int h = keys.length;
        int[] reversed = new int[h];
        double[][] aReversed = new double[h][];
        for (int k = 0; k < h; k++) {
            reversed[k] = keys[h - 1 - k];
            aReversed[k] = a[h - 1 - k];
        }
        direction.at(eps, w2, b2, bt2[d] - dot(b2, w2));
        assertTrue(direction.solve(g2, a, keys, f2, p, model));
        int before = direction.factorisations;
        assertTrue(direction.solve(g2, aReversed, reversed, f2, p, model));
        assertEquals(before, direction.factorisations, "the kept factor and columns were reused");
        double[] ref = kkt(hess, g2, aReversed, d);
        double scale = Math.sqrt(dot(ref, ref));
        for (int j = 0; j < d; j++) {
            assertEquals(ref[j], p[j], 1e-4 * scale, "p_" + j + " with the held rows reversed");
        }
        for (int k = 0; k < h; k++) {
            assertEquals(
                    0,
                    dot(aReversed[k], p),
                    1e-12 * scale * Math.sqrt(dot(aReversed[k], aReversed[k])),
                    "A p, reversed");
        }
        // with targets A p = t (the predicted rows of item 8, here residual-sized values): the
        // same stale factor, CG from p₀ = Y(AY)⁻¹t, against the dense KKT system with t on the right
        double[] targets = new double[h];
        for (int k = 0; k < h; k++) {
            targets[k] = 0.01 * rng.nextGaussian();
        }
        direction.at(eps, w2, b2, bt2[d] - dot(b2, w2));
        assertTrue(direction.solve(g2, a, keys, targets, 1e30, p, model));
        double[] refT = kkt(hess, g2, a, targets, d);
        double scaleT = Math.sqrt(dot(refT, refT));
        for (int j = 0; j < d; j++) {
            assertEquals(refT[j], p[j], 1e-10 * scaleT, "p_" + j + " with targets");
        }
        for (int k = 0; k < h; k++) {
            assertEquals(targets[k], dot(a[k], p), 1e-12 * scaleT * Math.sqrt(dot(a[k], a[k])), "A p = t");
        }
        // S·v by SufficientStatistics.times is gramTimes bit for bit, and EJML's product to round-off
        DMatrixRMaj sm = DMatrixRMaj.wrap(d, d, st.gram().clone());
        DMatrixRMaj v = DMatrixRMaj.wrap(d, 1, w2.clone());
        DMatrixRMaj sv = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(sm, v, sv);
        double[] times = SufficientStatistics.times(st.gram(), d, w2);
        double[] gramTimes = st.gramTimes(w2);
        for (int j = 0; j < d; j++) {
            assertEquals(Double.doubleToLongBits(gramTimes[j]), Double.doubleToLongBits(times[j]), "S·w2, entry " + j);
            assertEquals(sv.get(j, 0), times[j], 1e-12 * (1 + Math.abs(sv.get(j, 0))), "S·w2 against EJML, entry " + j);
        }
    }

    @Test
    void aSampleTheRouteCannotSettleIsStillCertified() {
        // reference: the dual bound of docs/math.md §6.4. With β = 0.5 + 0.05j the robust fit
        // shrinks w far from least squares and the piece Newton steps stop on a kink after
        // τ ≈ 0.002–0.01 for dozens of steps; the route gives up early and the smoothing stages
        // certify
        Sample s = sample(1000, 100, 8);
        SufficientStatistics st = new SufficientStatistics(s);
        double eps = 0.05 * LpNorm.L2.norm(st.xty) / st.meanAbsY;
        FitRun run = new FitRun(st, 2, eps, 1e-9);
        EmpiricalFit pieces = SignPieceNewton.fit(run, st.solveGram(st.xty));
        assertTrue(!pieces.certified() && run.steps <= SignPieceNewton.GIVE_UP_STEPS + 1, "steps " + run.steps);
        EmpiricalFit fit = EmpiricalAdversarialTraining.of(s).fit(LpNorm.L2, eps);
        assertTrue(fit.certified(), "gap " + fit.relativeGap());
    }

    @Test
    void hundredFeaturesAgreeWithTheSmoothingRoute() {
        // reference: the smoothing homotopy and exact finish (docs/math.md §6.3 items 1-3), which
        // the route gate sends d = 100 to when the sign pieces are skipped; both certified by §6.4
        // the project's core/spurious model (50 + 50 features), as the benchmark cells
        int d = 100;
        CoreSpuriousModel model = new CoreSpuriousModel(d / 2, d / 2, 1.0, 2.0, 0.5, 0.5);
        Sample s = new CoreSpuriousSampler(model).sample(1000, new Streams(3).stream(0, 0, Streams.TRAIN));
        SufficientStatistics st = new SufficientStatistics(s);
        double threshold = LpNorm.L2.norm(st.xty) / st.meanAbsY;
        EmpiricalAdversarialTraining training = EmpiricalAdversarialTraining.of(s);
        for (double fraction : new double[] {0.05, 0.5}) {
            double eps = fraction * threshold;
            FitRun run = new FitRun(st, 2, eps, 1e-9);
            EmpiricalFit pieces = SignPieceNewton.fit(run, st.solveGram(st.xty));
            assertTrue(pieces.certified(), "fraction " + fraction + ": gap " + pieces.relativeGap());
            assertTrue(run.steps < SignPieceNewton.MAX_STEPS);
            EmpiricalFit smooth = training.fit(LpNorm.L2, eps, 1e-9, null, false);
            assertTrue(smooth.certified());
            assertEquals(smooth.objective(), pieces.objective(), 2e-9 * smooth.objective(), "F");
            for (int j = 0; j < d; j++) {
                assertEquals(smooth.w()[j], pieces.w()[j], 1e-4, "w_" + j);
            }
        }
    }
}
