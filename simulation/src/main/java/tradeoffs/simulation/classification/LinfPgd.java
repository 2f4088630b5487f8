package tradeoffs.simulation.classification;

import tradeoffs.theory.ParameterException;

/**
 * ℓ∞ projected gradient ascent on a {@link LinearMulticlassModel} from δ = 0, the two ways an attacker can
 * use it (docs/math.md §10.6):
 * <ul>
 *   <li>{@link #crossEntropy}: ascent on the cross-entropy loss, the surrogate of standard adversarial
 *       training and of PGD attacks (Madry et al. 2018), returning the final iterate;</li>
 *   <li>{@link #beta}: BETA (Robey et al. 2024 [paper]): one ascent per wrong class j on the margin
 *       M_j = f_j − f_y, keeping the class whose final margin is largest (the first on ties).</li>
 * </ul>
 * Each step is δ ← clip_{[−ε, ε]}(δ + α·sign(∇)). On a linear model the margin's gradient w_j − w_y is
 * constant, so after ⌈ε/α⌉ steps BETA's δ is ε·sign(w_j − w_y), the exact maximiser of §10.6.
 *
 * @param eps the radius ε ≥ 0
 * @param steps number of steps ≥ 1
 * @param stepSize α ≥ 0 (the usual choice is 2.5ε/steps, {@link #of})
 */
public record LinfPgd(double eps, int steps, double stepSize) {
    public LinfPgd {
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be finite and >= 0", eps);
        }
        if (steps < 1) {
            throw new ParameterException("steps", "must be >= 1", steps);
        }
        if (!(stepSize >= 0.0) || Double.isInfinite(stepSize)) {
            throw new ParameterException("step_size", "must be finite and >= 0", stepSize);
        }
    }

    /** PGD with Madry et al.'s step α = 2.5ε/steps. */
    public static LinfPgd of(double eps, int steps) {
        return new LinfPgd(eps, steps, 2.5 * eps / steps);
    }

    /** What BETA found: the wrong class j, its final margin M_j(δ) and δ. */
    public record Targeted(int wrongClass, double margin, double[] delta) {}

    /** The final iterate of ascent on CE(f(x + δ), y). */
    public double[] crossEntropy(LinearMulticlassModel m, double[] x, int y) {
        double[] delta = new double[x.length];
        for (int t = 0; t < steps; t++) {
            step(delta, m.crossEntropyGradient(x, delta, y));
        }
        return delta;
    }

    /** BETA: ascent on each M_j, j ≠ y, keeping the largest final margin. */
    public Targeted beta(LinearMulticlassModel m, double[] x, int y) {
        Targeted best = null;
        double[][] w = m.w();
        for (int j = 0; j < m.classes(); j++) {
            if (j == y) {
                continue;
            }
            double[] g = new double[x.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = w[j][i] - w[y][i];
            }
            double[] delta = new double[x.length];
            for (int t = 0; t < steps; t++) {
                step(delta, g);
            }
            double[] f = m.scores(x, delta);
            double margin = f[j] - f[y];
            if (best == null || margin > best.margin()) {
                best = new Targeted(j, margin, delta);
            }
        }
        return best;
    }

    private void step(double[] delta, double[] g) {
        for (int i = 0; i < delta.length; i++) {
            delta[i] = Math.max(-eps, Math.min(eps, delta[i] + stepSize * Math.signum(g[i])));
        }
    }
}
