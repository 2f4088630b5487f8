package tradeoffs.theory.regression;

import tradeoffs.theory.norm.LpNorm;

/**
 * Claim 4 of docs/math.md §12.1 and §5.3 [derived]: min over (w_c, w_s) of R_ε is never above
 * min over (w_c, 0), and strictly below whenever the optimal w_s ≠ 0. The restricted problem is
 * adversarial training on the marginal model of the core features (Σ_cc, b_c, v).
 *
 * @param riskWithSpurious min R_ε over all weights
 * @param riskCoreOnly     min R_ε with the spurious weights fixed at 0
 * @param gap              riskCoreOnly − riskWithSpurious (≥ 0; the robustness the spurious features buy)
 */
public record SpuriousBenefit(double riskWithSpurious, double riskCoreOnly, double gap) {

    /** Compares the two minima; the first {@code dimCore} coordinates are core. */
    public static SpuriousBenefit of(GaussianModel model, int dimCore, LpNorm attack, double eps) {
        AdversarialSolution full = AdversarialTraining.solve(model, attack, eps);
        AdversarialSolution core = AdversarialTraining.solve(coreModel(model, dimCore), attack, eps);
        return new SpuriousBenefit(
                full.adversarialRisk(), core.adversarialRisk(), core.adversarialRisk() - full.adversarialRisk());
    }

    /** The marginal model of the first {@code dimCore} coordinates. */
    public static GaussianModel coreModel(GaussianModel model, int dimCore) {
        SpuriousReliance.checkSplit(model.dim(), dimCore);
        int[] idx = new int[dimCore];
        for (int i = 0; i < dimCore; i++) {
            idx[i] = i;
        }
        return model.marginal(idx);
    }
}
