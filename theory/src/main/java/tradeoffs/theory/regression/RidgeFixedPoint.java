package tradeoffs.theory.regression;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import tradeoffs.theory.norm.LpNorm;

/**
 * ℓ2 adversarial training (q = 2) as ridge regression with a self-consistent penalty
 * (docs/math.md §4.2, [derived]): w = (Σ + λI)⁻¹b with λ = (ε² + cεs/n)/(1 + cεn/s), s = s(w),
 * n = ‖w‖₂. The scalar fixed point in λ is solved with Commons Math's Brent solver on
 * G(λ) = λ − h(λ), with w(λ) = Σ_k u_k β_k/(λ_k + λ) over a spectrum of Σ ({@link Spectrum}):
 * the eigen-decomposition Σ = Σ_k λ_k u_k u_kᵀ, β_k = u_kᵀb, up to
 * {@link PreparedModel#EIGEN_MAX_DIM}, and above it the Ritz pairs of a Krylov basis
 * ({@link KrylovRidge}), grown until (Σ + λI)w = b holds to rounding at the fixed point.
 * w = 0 when ‖b‖₂ ≤ cε√v.
 */
public final class RidgeFixedPoint {
    private static final int MAX_EVALUATIONS = 500;

    private RidgeFixedPoint() {}

    /**
     * Spectral data of the ridge path w(λ) = Σ_k u_k β_k/(λ_k + λ).
     *
     * @param values                  λ_k &gt; 0
     * @param projected               β_k = u_kᵀb
     * @param leastSquaresResidualSd  s at λ = 0 in this basis (0 for a noiseless model)
     * @param scale                   an upper bound on max λ_k (the root search's first bracket)
     */
    record Spectrum(double[] values, double[] projected, double leastSquaresResidualSd, double scale) {}

    /** The ℓ2-adversarially trained weights for the model. */
    public static AdversarialSolution solve(GaussianModel model, double eps) {
        return solve(new PreparedModel(model), eps);
    }

    static AdversarialSolution solve(PreparedModel pm, double eps) {
        AdversarialRisk.checkEps(eps);
        if (eps == 0.0) {
            return AdversarialSolution.of(pm, LpNorm.L2, eps, pm.leastSquares, "least-squares");
        }
        if (FixedPoint.zeroIsOptimal(pm.model(), LpNorm.L2, eps)) {
            return AdversarialSolution.of(pm, LpNorm.L2, eps, new double[pm.d], "zero (||b||_2 <= c eps sqrt(v))");
        }
        if (!pm.eigenRegime) {
            return pm.krylov().solve(eps);
        }
        PreparedModel.Eigen e = pm.eigen();
        Spectrum spectrum = new Spectrum(e.values(), e.projectedB(), pm.leastSquaresResidualSd, e.lambdaMax());
        double lambda = penalty(spectrum, eps);
        double[] w = lambda == 0.0 ? pm.leastSquares : weights(e, lambda);
        AdversarialSolution sol = AdversarialSolution.of(pm, LpNorm.L2, eps, w, "ridge-fixed-point");
        if (sol.certificate().kktResidual() > 1e-12 * (1 + LpNorm.LINF.norm(pm.b)) && sol.residualSd() > 0) {
            // very ill-conditioned Σ: the eigen route loses digits; Newton steps on R_ε recover them
            AdversarialSolution polished = AdversarialSolution.of(
                    pm, LpNorm.L2, eps, NewtonPolish.from(pm, LpNorm.L2, eps, w), "ridge-fixed-point+newton");
            if (polished.certificate().kktResidual() < sol.certificate().kktResidual()) {
                return polished;
            }
        }
        return sol;
    }

    /** The self-consistent ridge penalty λ (0 when least squares is already optimal). */
    static double penalty(Spectrum spectrum, double eps) {
        double scale = Math.max(spectrum.scale(), eps * eps);
        double lo = 0.0;
        if (spectrum.leastSquaresResidualSd() == 0.0) {
            // G(0) = 0 here (s = 0 at least squares); the optimum has λ > 0 iff G < 0 just above 0.
            lo = 1e-12 * scale;
            if (g(spectrum, eps, lo) >= 0) {
                return 0.0;
            }
        }
        double hi = scale;
        int doublings = 0;
        while (g(spectrum, eps, hi) < 0) {
            hi *= 2;
            if (++doublings > 2000) {
                throw new IllegalStateException("ridge fixed point: no bracket (eps = " + eps + ")");
            }
        }
        BrentSolver brent = new BrentSolver(1e-15, 1e-300, 1e-300);
        return brent.solve(MAX_EVALUATIONS, x -> g(spectrum, eps, x), lo, hi);
    }

    /** G(λ) = λ − h(λ), h = s(ε²n + cεs)/(n(s + cεn)) (the λ formula rearranged so s = 0 gives 0). */
    static double g(Spectrum spectrum, double eps, double lambda) {
        // s² = s(w_LS)² + Σ_k λ_k (w − w_LS)_k², with (w − w_LS)_k = −λβ_k/(λ_k(λ_k + λ)), stable near λ = 0
        double n2 = 0.0;
        double s2 = spectrum.leastSquaresResidualSd() * spectrum.leastSquaresResidualSd();
        double[] projected = spectrum.projected();
        double[] values = spectrum.values();
        for (int k = 0; k < values.length; k++) {
            double beta = projected[k];
            double lk = values[k];
            double c = beta / (lk + lambda);
            n2 += c * c;
            double diff = lambda * c / lk;
            s2 += lk * diff * diff;
        }
        double s = Math.sqrt(s2);
        double n = Math.sqrt(n2);
        return lambda - h(s, n, eps);
    }

    /** h(s, n) = (ε² + cεs/n)/(1 + cεn/s) written as s(ε²n + cεs)/(n(s + cεn)). */
    static double h(double s, double n, double eps) {
        if (s == 0.0) {
            return 0.0;
        }
        double c = AdversarialRisk.C;
        return s * (eps * eps * n + c * eps * s) / (n * (s + c * eps * n));
    }

    /** w(λ) = (Σ + λI)⁻¹b from the eigen-decomposition. */
    static double[] weights(PreparedModel.Eigen e, double lambda) {
        int d = e.values().length;
        double[] w = new double[d];
        for (int k = 0; k < d; k++) {
            double c = e.projectedB()[k] / (e.values()[k] + lambda);
            double[] q = e.vectors()[k];
            for (int i = 0; i < d; i++) {
                w[i] += c * q[i];
            }
        }
        return w;
    }
}
