package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * The certificate on screened rows, verified on every row (docs/math.md §6.3 item 5): against the
 * certificate with every row explicit at the same point, F from its definition, and, with classes
 * made wrong on purpose, the validity of the bound (it must stay below min F).
 */
class ScreenedCertificateTest {
    private static double residual(Sample s, double[] w, int i) {
        double r = s.y()[i];
        for (int j = 0; j < s.d(); j++) {
            r -= s.x()[i * s.d() + j] * w[j];
        }
        return r;
    }

    /**
     * The screened certificate of w with U = the rows with |r_i| ≤ cut (the rows at zero, |r_i|
     * ≤ 1e-9·cut, held), G the rest with the signs {@code signs} (sign r_i, unless altered).
     */
    private static ScreenedCertificate.Result screened(
            SufficientStatistics st, FitRun run, double[] w, double cut, byte[] signs) {
        Sample s = st.sample;
        int n = s.n();
        int d = s.d();
        int m = 0;
        int held = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.abs(residual(s, w, i));
            m += r <= cut ? 1 : 0;
            held += r <= 1e-9 * cut ? 1 : 0;
        }
        int[] rows = new int[m];
        double[] x = new double[m * d];
        double[] y = new double[m];
        int[] band = new int[held];
        double[] v = new double[d];
        double t0 = 0;
        int k = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.abs(residual(s, w, i));
            if (r <= cut) {
                if (r <= 1e-9 * cut) {
                    band[b++] = k;
                }
                rows[k] = i;
                System.arraycopy(s.x(), i * d, x, k * d, d);
                y[k++] = s.y()[i];
            } else {
                for (int j = 0; j < d; j++) {
                    v[j] += signs[i] * s.x()[i * d + j];
                }
                t0 += signs[i] * s.y()[i];
            }
        }
        return ScreenedCertificate.certify(run, w, SignClasses.screened(st, rows, x, y, m, signs, v, t0), band);
    }

    @Test
    void verifiedCertificateAgreesWithTheOneOnEveryRow() {
        Sample s = SignPieceNewtonTest.sample(3000, 10, 21);
        SufficientStatistics st = new SufficientStatistics(s);
        double threshold = LpNorm.L2.norm(st.xty) / st.meanAbsY;
        for (double fraction : new double[] {0.05, 0.5}) {
            double eps = fraction * threshold;
            EmpiricalFit fit = SignPieceNewton.fit(new FitRun(st, 2, eps, 1e-9), st.solveGram(st.xty));
            assertTrue(fit.certified(), "fraction " + fraction + ": gap " + fit.relativeGap());
            double[] w = fit.w();
            // reference: the certificate with every row explicit at the same point
            FitRun plain = new FitRun(st, 2, eps, 1e-9);
            int[] zero = java.util.stream.IntStream.range(0, s.n())
                    .filter(i -> Math.abs(residual(s, w, i)) <= 1e-12)
                    .toArray();
            EmpiricalFit all = DualCertificate.certify(plain, w, 0.0, new NormTerm.L2(), zero);
            byte[] signs = new byte[s.n()];
            for (int i = 0; i < s.n(); i++) {
                signs[i] = residual(s, w, i) >= 0 ? (byte) 1 : (byte) -1;
            }
            FitRun run = new FitRun(st, 2, eps, 1e-9);
            SignClasses before = run.classes;
            ScreenedCertificate.Result result = screened(st, run, w, 1e-3, signs);
            assertTrue(result.verified(), "fraction " + fraction + ": verified on every row");
            assertTrue(run.classes == before && run.witnesses.isEmpty(), "the run is left as it was");
            EmpiricalFit checked = result.fit();
            double f = SignPieceNewtonTest.objective(s, eps, w);
            assertEquals(f, checked.objective(), 1e-12 * f, "F from its definition");
            assertTrue(checked.certified(), "fraction " + fraction + ": gap " + checked.relativeGap());
            assertEquals(all.dualBound(), checked.dualBound(), 1e-10 * f, "the bound with every row explicit");
        }
    }

    @Test
    void wrongClassesStillGiveABoundBelowTheMinimum() {
        Sample s = SignPieceNewtonTest.sample(3000, 10, 22);
        SufficientStatistics st = new SufficientStatistics(s);
        double eps = 0.3 * LpNorm.L2.norm(st.xty) / st.meanAbsY;
        EmpiricalFit fit = SignPieceNewton.fit(new FitRun(st, 2, eps, 1e-9), st.solveGram(st.xty));
        assertTrue(fit.certified());
        // min F ≤ F(w*) = objective, certified within the gap: any valid bound is below it
        double fStar = SignPieceNewtonTest.objective(s, eps, fit.w());
        // a point off the optimum, G's signs those at w* (wrong for the rows that cross) and 50
        // more flipped on purpose
        double[] w = fit.w().clone();
        for (int j = 0; j < w.length; j++) {
            w[j] *= 1.02;
        }
        byte[] signs = new byte[s.n()];
        for (int i = 0; i < s.n(); i++) {
            signs[i] = residual(s, fit.w(), i) >= 0 ? (byte) 1 : (byte) -1;
            if (i % 60 == 7) {
                signs[i] = (byte) -signs[i];
            }
        }
        // a tolerance of 1 lets the reduced certificate pass, so the check on every row runs
        FitRun run = new FitRun(st, 2, eps, 1.0);
        ScreenedCertificate.Result result = screened(st, run, w, 1e-3, signs);
        assertTrue(result.verified(), "verified on every row");
        EmpiricalFit checked = result.fit();
        assertTrue(checked.dualBound() <= fStar * (1 + 1e-12), "bound " + checked.dualBound() + " vs min F ≤ " + fStar);
        assertEquals(
                SignPieceNewtonTest.objective(s, eps, w), checked.objective(), 1e-12 * fStar, "F from its definition");
        // the point is 2 % off the optimum: the verified gap says so
        assertTrue(checked.relativeGap() > 1e-9, "the wrong classes show in the verified gap");
    }
}
