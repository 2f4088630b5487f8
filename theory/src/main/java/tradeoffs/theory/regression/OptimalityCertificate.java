package tradeoffs.theory.regression;

import tradeoffs.theory.ParameterException;

/**
 * Evidence that returned weights minimise the population adversarial risk R_ε (docs/math.md §4.9).
 *
 * <p>{@code kktResidual} = min over h ∈ ∂R_ε(w) of ‖h‖₂ (0 exactly at the minimiser; an upper
 * bound when w sits on a kink with s(w) = 0). {@code suboptimalityBound} bounds R_ε(w) − min R_ε:
 * by convexity R(w) − R* ≤ ‖h‖·‖w − w*‖, and ‖w* − w_LS‖² ≤ bᵀΣ⁻¹b / λ_min(Σ) because
 * s(w*)² ≤ R* ≤ R(0) = v, so R(w) − R* ≤ ‖h‖·(‖w − w_LS‖ + √(bᵀΣ⁻¹b / λ_min(Σ))) [derived].
 *
 * @param kktResidual        min ‖h‖₂ over the subdifferential of R_ε at w
 * @param suboptimalityBound a certified upper bound on R_ε(w) − min R_ε
 * @param method             how w was computed (e.g. "ridge-fixed-point", "active-set", "prox-fixed-point")
 */
public record OptimalityCertificate(double kktResidual, double suboptimalityBound, String method) {
    public OptimalityCertificate {
        if (!(kktResidual >= 0)) {
            throw new ParameterException("kkt_residual", "must be >= 0", kktResidual);
        }
        if (!(suboptimalityBound >= 0)) {
            throw new ParameterException("suboptimality_bound", "must be >= 0", suboptimalityBound);
        }
    }
}
