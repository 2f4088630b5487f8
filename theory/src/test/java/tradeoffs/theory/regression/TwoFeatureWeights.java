package tradeoffs.theory.regression;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Test oracle: closed forms for the adversarially trained weights of the two-feature core/spurious
 * model (d_c = d_s = 1, β = 1; docs/math.md §3.2, §1.5, §1.7): Σ = [[σ_c², σ_cσ_sη], [σ_cσ_sη, σ_s²]],
 * b = (σ_c, σ_sη), v = 1 + σ_n². Each is a route independent of the generic solver
 * {@link AdversarialTraining} (scalar equations written from the formulas, not the solver's
 * penalised quadratic), which the tests check it against. All results are [derived].
 */
final class TwoFeatureWeights {
    private TwoFeatureWeights() {}

    /** A fresh solver per call: Commons Math solvers keep per-solve state, so they are not shared between threads. */
    private static BrentSolver brent() {
        return new BrentSolver(1e-15, 1e-300, 1e-300);
    }

    /**
     * ℓ2 weights for a given ridge penalty λ (docs/math.md §4.2): with
     * D = (σ_c² + λ)(σ_s² + λ) − σ_c²σ_s²η², w_c = σ_c(σ_s²(1−η²) + λ)/D and w_s = λσ_sη/D.
     */
    static double[] l2Weights(double sigmaCore, double sigmaSpurious, double eta, double lambda) {
        double sc2 = sigmaCore * sigmaCore;
        double ss2 = sigmaSpurious * sigmaSpurious;
        double d = (sc2 + lambda) * (ss2 + lambda) - sc2 * ss2 * eta * eta;
        return new double[] {sigmaCore * (ss2 * (1 - eta * eta) + lambda) / d, lambda * sigmaSpurious * eta / d};
    }

    /**
     * The self-consistent ℓ2 penalty λ = (ε² + cεs/n)/(1 + cεn/s) at w = w(λ) of
     * {@link #l2Weights} (docs/math.md §4.2), by Brent's method on λ − h(λ); requires σ_n &gt; 0 or a
     * radius above the noiseless threshold, and w ≠ 0 at the optimum.
     */
    static double l2Penalty(double sigmaCore, double sigmaSpurious, double eta, double noise, double eps) {
        double lo = 0.0;
        java.util.function.DoubleUnaryOperator g = lambda -> {
            double[] w = l2Weights(sigmaCore, sigmaSpurious, eta, lambda);
            double a = sigmaCore * w[0];
            double bb = sigmaSpurious * w[1];
            // s² = (1 − a)² + b² + σ_n² − 2(1 − a)bη (docs/math.md §5.2 at η′ = η)
            double s = Math.sqrt(Math.max(0.0, (1 - a) * (1 - a) + bb * bb + noise * noise - 2 * (1 - a) * bb * eta));
            double n = Math.hypot(w[0], w[1]);
            return lambda - RidgeFixedPoint.h(s, n, eps);
        };
        double hi = 1.0;
        while (g.applyAsDouble(hi) < 0) {
            hi *= 2;
            if (hi > 1e300) {
                throw new IllegalArgumentException("eps too large: the l2 solution is w = 0 (eps = " + eps + ")");
            }
        }
        return brent().solve(1000, g::applyAsDouble, lo, hi);
    }

    /** The ℓ∞ scale condition of docs/math.md §4.3: w_s = 0 for every ε &gt; 0 iff σ_s|η| ≤ σ_c (σ_n &gt; 0). */
    static boolean linfScaleCondition(double sigmaCore, double sigmaSpurious, double eta) {
        return sigmaSpurious * Math.abs(eta) <= sigmaCore;
    }

    /**
     * Noiseless ℓ∞ (σ_n = 0, σ_s|η| ≤ σ_c), k = ε/σ_c (docs/math.md §4.5): σ_c w_c = 1 for k ≤ c;
     * (1 − ck)/(1 − 2ck + k²) for c &lt; k &lt; 1/c; 0 for k ≥ 1/c; w_s = 0. Returns w_c.
     */
    static double linfNoiselessCoreWeight(double sigmaCore, double sigmaSpurious, double eta, double eps) {
        if (!linfScaleCondition(sigmaCore, sigmaSpurious, eta)) {
            throw new IllegalArgumentException("the noiseless l-inf closed form needs sigma_s |eta| <= sigma_c (got "
                    + sigmaSpurious + " * |" + eta + "| > " + sigmaCore + ")");
        }
        double c = AdversarialRisk.C;
        double k = eps / sigmaCore;
        if (k <= c) {
            return 1.0 / sigmaCore;
        }
        if (k >= 1.0 / c) {
            return 0.0;
        }
        return (1 - c * k) / (1 - 2 * c * k + k * k) / sigmaCore;
    }

    /**
     * ℓ∞ with σ_n ≥ 0 under the scale condition σ_s|η| ≤ σ_c [derived]: w_s = 0 and a = σ_c w_c
     * solves σ_c(1 − a) = τ(s, n) with s = √((1 − a)² + σ_n²), n = a/σ_c, τ of docs/math.md §4.1
     * (the core coordinate's stationarity σ_c² w_c − σ_c = −τ). Off the support,
     * |(Σw − b)_s| = σ_s|η|(1 − a) = (σ_s|η|/σ_c)τ ≤ τ, which is exactly the scale condition.
     * w = 0 when σ_c ≤ cε√(1 + σ_n²). Returns w_c.
     */
    static double linfCoreWeight(double sigmaCore, double sigmaSpurious, double eta, double noise, double eps) {
        if (!linfScaleCondition(sigmaCore, sigmaSpurious, eta)) {
            throw new IllegalArgumentException("w_s = 0 needs sigma_s |eta| <= sigma_c (got " + sigmaSpurious + " * |"
                    + eta + "| > " + sigmaCore + ")");
        }
        if (eps == 0.0) {
            return 1.0 / sigmaCore;
        }
        if (sigmaCore <= AdversarialRisk.C * eps * Math.sqrt(1 + noise * noise)) {
            return 0.0;
        }
        java.util.function.DoubleUnaryOperator f = a -> {
            double s = Math.sqrt((1 - a) * (1 - a) + noise * noise);
            return sigmaCore * (1 - a) - FixedPoint.tau(s, a / sigmaCore, eps);
        };
        if (noise == 0.0) {
            // the root a = 1 (s = 0) is optimal iff ε/σ_c ≤ c (the noiseless threshold); otherwise look below it
            double k = eps / sigmaCore;
            if (k <= AdversarialRisk.C) {
                return 1.0 / sigmaCore;
            }
            return brent().solve(1000, f::applyAsDouble, 0.0, 1.0 - 1e-12) / sigmaCore;
        }
        return brent().solve(1000, f::applyAsDouble, 0.0, 1.0) / sigmaCore;
    }

    /**
     * ℓ1 attack (penalty ‖w‖_∞) in the locked regime |w_c| = |w_s| = m, w = m(1, sign η) [derived]:
     * with A = σ_c² + 2σ_cσ_s|η| + σ_s² and B = σ_c + σ_s|η| (so s² = v − 2mB + m²A), the tied pair's
     * stationarity mA − B = −τ(s, m) is a scalar equation in m ∈ (0, B/A). The lock is the optimum iff
     * both simplex weights are non-negative: σ_c − m(σ_c² + σ_cσ_s|η|) ≥ 0 and
     * σ_s|η| − m(σ_cσ_s|η| + σ_s²) ≥ 0 (see {@link #l1IsLocked}). Returns m (0 when w = 0 is optimal).
     */
    static double l1LockedMagnitude(double sigmaCore, double sigmaSpurious, double eta, double noise, double eps) {
        double e = Math.abs(eta);
        double a = sigmaCore * sigmaCore + 2 * sigmaCore * sigmaSpurious * e + sigmaSpurious * sigmaSpurious;
        double b = sigmaCore + sigmaSpurious * e;
        double v = 1 + noise * noise;
        if (b <= AdversarialRisk.C * eps * Math.sqrt(v)) {
            return 0.0;
        }
        java.util.function.DoubleUnaryOperator f = m -> {
            double s = Math.sqrt(Math.max(0.0, v - 2 * m * b + m * m * a));
            return b - m * a - FixedPoint.tau(s, m, eps);
        };
        return brent().solve(1000, f::applyAsDouble, 0.0, b / a);
    }

    /** Whether the locked magnitude m of {@link #l1LockedMagnitude} satisfies both simplex-weight conditions. */
    static boolean l1IsLocked(double sigmaCore, double sigmaSpurious, double eta, double m) {
        double e = Math.abs(eta);
        return m > 0
                && sigmaCore - m * (sigmaCore * sigmaCore + sigmaCore * sigmaSpurious * e) >= -1e-12
                && sigmaSpurious * e - m * (sigmaCore * sigmaSpurious * e + sigmaSpurious * sigmaSpurious) >= -1e-12;
    }

    /** MSE_η′ − MSE_η = 2(1 − a)b(η − η′), a = σ_c w_c, b = σ_s w_s (docs/math.md §5.2). */
    static double shiftedRiskGap(
            double sigmaCore, double sigmaSpurious, double eta, double etaTest, double wCore, double wSpurious) {
        return 2 * (1 - sigmaCore * wCore) * sigmaSpurious * wSpurious * (eta - etaTest);
    }
}
