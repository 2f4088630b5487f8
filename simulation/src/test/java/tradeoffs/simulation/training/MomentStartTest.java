package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * The ℓ1 attack's start from the moments ({@link MomentStart}, docs/math.md §6.3 item 7) and the
 * fits that use it (d = 2, cold start). Independent routes: the surrogate G written out from its
 * definition row by row (m₂ and m₁ as means over the rows, the exact ‖w‖_∞) and minimised by
 * Nelder–Mead (Commons Math); the fits against the stages from least squares (a warm start at w₀,
 * which skips the moment start) and F from its definition. The route's point, three passes over
 * the rows at ε = 0.05 and 0.5 of the zero threshold instead of six to eleven, is asserted as a
 * count, so a change that bypasses or breaks the start fails here. The cvxpy fixtures of
 * {@link ExactnessReferenceTest} (sample 0 has d = 2) also run through this route.
 */
class MomentStartTest {
    /** G(w) = m₂ + 2εκ‖w‖_∞√m₂ + ε²‖w‖_∞², m₂ the mean squared residual over the rows. */
    private static double surrogate(Sample data, double eps, double kappa, double[] w) {
        double m2 = 0;
        for (int i = 0; i < data.n(); i++) {
            double r = data.y()[i] - data.x(i, 0) * w[0] - data.x(i, 1) * w[1];
            m2 += r * r;
        }
        m2 /= data.n();
        double nw = Math.max(Math.abs(w[0]), Math.abs(w[1]));
        return m2 + 2 * eps * kappa * nw * Math.sqrt(m2) + eps * eps * nw * nw;
    }

    /** ε = fraction · ‖Xᵀy‖₁/‖y‖₁, the ℓ1 attack's zero threshold (docs/math.md §6.2). */
    private static double eps(Sample data, double fraction) {
        return fraction * ExactnessTest.zeroThreshold(data, LpNorm.L1);
    }

    /**
     * With a soft maximum of width 10⁻¹² of the weight scale the minimiser is G's to round-off:
     * not above Nelder–Mead's value of G by more than 10⁻¹²·G, and within 10⁻⁵ of its point (G is
     * strongly convex). At 0.5 of the threshold the minimiser ties the two coordinates (the kink
     * of ‖·‖_∞), at 0.05 it does not.
     */
    @ParameterizedTest
    @CsvSource({"0.05, 3", "0.5, 3", "0.05, 8", "0.5, 8", "0.9, 8"})
    void minimiserMatchesNelderMeadOnTheSurrogate(double fraction, long seed) {
        Sample data = EmpiricalAdversarialTrainingTest.sample(
                EmpiricalAdversarialTrainingTest.coreSpurious(1, 2, 0.5, 0.5), 2000, seed);
        SufficientStatistics st = new SufficientStatistics(data);
        double eps = eps(data, fraction);
        double[] w0 = st.solveGram(st.xty);
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < data.n(); i++) {
            double r = data.y()[i] - data.x(i, 0) * w0[0] - data.x(i, 1) * w0[1];
            abs += Math.abs(r);
            sq += r * r;
        }
        double kappa = (abs / data.n()) / Math.sqrt(sq / data.n());
        assertEquals(kappa, MomentStart.kappa(abs / data.n(), st.meanSquaredResidual(w0)), 1e-12);
        double wScale = LpNorm.LINF.norm(w0);
        double[] w = MomentStart.minimise(st, eps, w0, kappa, 1e-12 * wScale, wScale);
        MultivariateFunction g = v -> surrogate(data, eps, kappa, v);
        SimplexOptimizer opt = new SimplexOptimizer(1e-16, 1e-16);
        PointValuePair best = null;
        for (int restart = 0; restart < 4; restart++) {
            PointValuePair r = opt.optimize(
                    new MaxEval(20_000),
                    new ObjectiveFunction(g),
                    GoalType.MINIMIZE,
                    new InitialGuess(best == null ? w0 : best.getPoint()),
                    new NelderMeadSimplex(2, 0.05));
            best = best == null || r.getValue() < best.getValue() ? r : best;
        }
        String where = "fraction " + fraction + " seed " + seed;
        double gw = surrogate(data, eps, kappa, w);
        assertTrue(gw <= best.getValue() * (1 + 1e-12), where + ": G " + gw + " > Nelder–Mead's " + best.getValue());
        for (int j = 0; j < 2; j++) {
            assertEquals(best.getPoint()[j], w[j], 1e-5, where);
        }
        if (fraction == 0.5) {
            assertEquals(Math.abs(w[0]), Math.abs(w[1]), 1e-6, where + ": the tie of ‖·‖_∞");
        }
    }

    /**
     * Cold fits (the moment start) against the stages from least squares (a warm start at w₀
     * skips it): both certified, F equal to within the tolerance (each is within 10⁻⁹ of min F),
     * each dual bound below the other's F, F the definition's value, and three passes over the
     * rows (the start's κ, the first evaluation, the final check) where the route from least
     * squares takes six or more.
     */
    @ParameterizedTest
    @CsvSource({"1000, 0.05", "1000, 0.5", "10000, 0.05", "10000, 0.5", "10000, 0.9"})
    void coldFitsCertifyInThreePassesAndAgreeWithTheRouteFromLeastSquares(int n, double fraction) {
        Sample data = EmpiricalAdversarialTrainingTest.sample(
                EmpiricalAdversarialTrainingTest.coreSpurious(1, 2, 0.5, 0.5), n, 21);
        EmpiricalAdversarialTraining at = EmpiricalAdversarialTraining.of(data);
        double eps = eps(data, fraction);
        EmpiricalFit cold = at.fit(LpNorm.L1, eps);
        EmpiricalFit fromLeastSquares =
                at.fit(LpNorm.L1, eps, EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, at.leastSquares());
        String where = "n=" + n + " fraction " + fraction;
        assertTrue(cold.certified(), where + ": gap " + cold.relativeGap());
        assertTrue(fromLeastSquares.certified(), where + ": gap " + fromLeastSquares.relativeGap());
        double f = cold.objective();
        assertEquals(fromLeastSquares.objective(), f, 1e-9 * f, where);
        assertTrue(cold.dualBound() <= fromLeastSquares.objective() * (1 + 1e-13), where);
        assertTrue(fromLeastSquares.dualBound() <= f * (1 + 1e-13), where);
        assertEquals(
                EmpiricalAdversarialTrainingTest.objective(data, Double.POSITIVE_INFINITY, eps, cold.w()),
                f,
                1e-12 * f);
        assertEquals(3, cold.passes(), where + ": passes over the rows");
        assertTrue(
                fromLeastSquares.passes() >= 5,
                where + ": the route from least squares took " + fromLeastSquares.passes());
    }
}
