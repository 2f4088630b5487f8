package tradeoffs.theory.regression;

/**
 * Closed-form risks of the two-feature core/spurious model (d_c = d_s = 1, β = 1; docs/math.md §3.2):
 * Σ = [[σ_c², σ_cσ_sη], [σ_cσ_sη, σ_s²]], b = (σ_c, σ_sη), v = 1 + σ_n², written out for
 * allocation-free evaluation on grids. All results are [derived].
 */
public final class TwoFeatureClosedForms {
    private TwoFeatureClosedForms() {}

    /**
     * Risk under a shifted correlation η′ (docs/math.md §5.2): with a = σ_c w_c, b = σ_s w_s,
     * MSE_η′ = (1 − a)² + b² + σ_n² − 2(1 − a)bη′.
     */
    public static double shiftedRisk(
            double sigmaCore, double sigmaSpurious, double noise, double etaTest, double wCore, double wSpurious) {
        double a = sigmaCore * wCore;
        double b = sigmaSpurious * wSpurious;
        return (1 - a) * (1 - a) + b * b + noise * noise - 2 * (1 - a) * b * etaTest;
    }

    /**
     * The 2-D adversarial risk R_ε = s² + 2cεns + ε²n² with s² from {@link #shiftedRisk} at
     * η′ = η and n = ‖w‖_q for the attack (docs/math.md §2.2): q = 1 for ℓ∞, 2 for ℓ2, ∞ for ℓ1.
     * Allocation-free, for fast grid evaluation.
     */
    public static double adversarialRisk(
            double sigmaCore,
            double sigmaSpurious,
            double eta,
            double noise,
            double attackP,
            double eps,
            double wCore,
            double wSpurious) {
        double s2 = Math.max(0.0, shiftedRisk(sigmaCore, sigmaSpurious, noise, eta, wCore, wSpurious));
        double ac = Math.abs(wCore);
        double as = Math.abs(wSpurious);
        double n;
        if (attackP == Double.POSITIVE_INFINITY) {
            n = ac + as;
        } else if (attackP == 2.0) {
            n = Math.hypot(ac, as);
        } else if (attackP == 1.0) {
            n = Math.max(ac, as);
        } else {
            double q = attackP / (attackP - 1);
            n = Math.pow(Math.pow(ac, q) + Math.pow(as, q), 1 / q);
        }
        return AdversarialRisk.fromMoments(Math.sqrt(s2), n, eps);
    }
}
