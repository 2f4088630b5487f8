package tradeoffs.theory.classification;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import tradeoffs.theory.ParameterException;

/**
 * Sensitivity-robustness and invariance error of the linear classifiers f_a(x) = sign(a x_s + (1−a) x_r),
 * a ∈ [0, 1], on the {@link InvarianceToy} under an ℓ∞ perturbation ‖δ‖_∞ ≤ ε of (x_s, x_r)
 * (docs/math.md §10.5). a = 0 is the non-semantic classifier sign(x_r), a = 1 the semantic sign(x_s).
 *
 * <p>Definitions. Robust accuracy: P(f(x + δ) = y for every δ in the ball). Invariance error:
 * P(f(x) = y = sign(x_s), and some δ in the ball changes the true label, sign(x_s + δ_s) ≠ sign(x_s), while
 * keeping the prediction, f(x + δ) = f(x)): a correctly classified point from which a small change of the
 * true label goes unnoticed. Ties (a score of 0) count as changed predictions / errors; they have
 * probability 0.
 */
public final class InvarianceSensitivity {
    private static final double Z_CUT = 40.0;
    private static final double SQRT_2PI = Math.sqrt(2.0 * Math.PI);

    private InvarianceSensitivity() {}

    /**
     * Clean accuracy Φ((aμ_s + cμ_r)/√(a²σ_s² + c²σ_r²)), c = 1 − a ([derived], docs/math.md §10.5 toy):
     * y·(a x_s + c x_r) is normal with that mean and standard deviation.
     */
    public static double cleanAccuracy(InvarianceToy toy, double a) {
        return robustAccuracy(toy, a, 0.0);
    }

    /**
     * ℓ∞-robust accuracy Φ((aμ_s + cμ_r − ε)/√(a²σ_s² + c²σ_r²)), c = 1 − a: the attack lowers
     * y·score by ε(|a| + |c|) = ε. For a = 0 this is docs/math.md §10.5's Φ((μ_r − ε)/σ_r); the mixture case
     * is [derived] here the same way.
     */
    public static double robustAccuracy(InvarianceToy toy, double a, double eps) {
        requireMix(a);
        requireEps(eps);
        double c = 1.0 - a;
        double mean = a * toy.muS() + c * toy.muR();
        double sd = Math.hypot(a * toy.sigmaS(), c * toy.sigmaR());
        return MultiPerturbationAccuracy.phi((mean - eps) / sd);
    }

    /**
     * Invariance error [derived]. For a = 0 (docs/math.md §10.5):
     * [Φ(μ_s/σ_s) − Φ((μ_s − ε)/σ_s)]·Φ(μ_r/σ_r). For a = 1 it is 0 (the prediction is the true label).
     * For 0 &lt; a &lt; 1, c = 1 − a (derived for this project): given y = +1 the best invariance attack
     * moves x_s just below 0 and x_r up by ε, which works iff 0 &lt; x_s &lt; ε and x_r &gt; −ε, while the clean
     * point is classified +1 iff x_r &gt; −a x_s/c; so
     * <pre>
     *   IE(a) = ∫₀^ε (1/σ_s) φ((x − μ_s)/σ_s) Φ((μ_r + min(ε, a x/c))/σ_r) dx
     *         = ∫₀^{x*} (1/σ_s) φ((x − μ_s)/σ_s) Φ((μ_r + a x/c)/σ_r) dx
     *           + [Φ((ε − μ_s)/σ_s) − Φ((x* − μ_s)/σ_s)]·Φ((μ_r + ε)/σ_r),   x* = min(ε, cε/a),
     * </pre>
     * the y = −1 case being the mirror image. The first integral has a smooth integrand and is computed
     * by Gauss–Legendre quadrature (Commons Math) in z = (x − μ_s)/σ_s, split at the peak of φ and at
     * the centre of the Φ factor, to a relative accuracy of 1e-12.
     */
    public static double invarianceError(InvarianceToy toy, double a, double eps) {
        requireMix(a);
        requireEps(eps);
        double ms = toy.muS();
        double ss = toy.sigmaS();
        double mr = toy.muR();
        double sr = toy.sigmaR();
        if (eps == 0.0 || a == 1.0) {
            return 0.0;
        }
        if (a == 0.0) {
            return (MultiPerturbationAccuracy.phi(ms / ss) - MultiPerturbationAccuracy.phi((ms - eps) / ss))
                    * MultiPerturbationAccuracy.phi(mr / sr);
        }
        double c = 1.0 - a;
        double xStar = Math.min(eps, c * eps / a);
        double tail =
                (MultiPerturbationAccuracy.phi((eps - ms) / ss) - MultiPerturbationAccuracy.phi((xStar - ms) / ss))
                        * MultiPerturbationAccuracy.phi((mr + eps) / sr);
        if (xStar <= 0.0) {
            return tail;
        }
        // integrate in z = (x − μ_s)/σ_s, where φ has unit scale whatever σ_s, cut to |z| ≤ 40 (φ < 1e-347
        // beyond) and split at the peak z = 0 and at the centre of the Φ factor, so narrow features sit on
        // piece boundaries
        double z0 = Math.max(-ms / ss, -Z_CUT);
        double z1 = Math.min((xStar - ms) / ss, Z_CUT);
        double head = 0.0;
        if (z1 > z0) {
            double zc = (-mr * c / a - ms) / ss; // μ_r + a x/c = 0
            double[] cuts = java.util.stream.DoubleStream.of(z0, 0.0, zc, z1)
                    .filter(z -> z >= z0 && z <= z1)
                    .sorted()
                    .toArray();
            IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-16);
            for (int i = 0; i + 1 < cuts.length; i++) {
                if (cuts[i + 1] > cuts[i]) {
                    head += gauss.integrate(
                            100_000,
                            z -> Math.exp(-0.5 * z * z)
                                    / SQRT_2PI
                                    * MultiPerturbationAccuracy.phi((mr + a * (ms + ss * z) / c) / sr),
                            cuts[i],
                            cuts[i + 1]);
                }
            }
        }
        return head + tail;
    }

    private static void requireMix(double a) {
        if (!(a >= 0.0 && a <= 1.0)) {
            throw new ParameterException("mix", "must be in [0, 1]", a);
        }
    }

    private static void requireEps(double eps) {
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be finite and >= 0", eps);
        }
    }
}
