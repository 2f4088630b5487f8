package tradeoffs.simulation.classification;

import tradeoffs.theory.ParameterException;

/**
 * A linear multi-class model f_k(x) = w_kᵀx + b_k, k = 0..K−1 (the model of docs/math.md §10.6), with the
 * quantities the attacks need: scores, the largest margin max_{j≠y} f_j − f_y (≥ 0 means misclassified,
 * ties counting as errors), and the input gradient of the cross-entropy loss
 * CE = −f_y + log Σ_k exp f_k, which is Σ_k p_k w_k − w_y with p the softmax of the scores.
 *
 * @param w K × n weights (row k is w_k; not copied: treat as read-only)
 * @param b K offsets
 */
public record LinearMulticlassModel(double[][] w, double[] b) {
    public LinearMulticlassModel {
        if (w == null || b == null || w.length < 2) {
            throw new ParameterException("classes", "must be >= 2", w == null ? "none" : w.length);
        }
        if (b.length != w.length) {
            throw new ParameterException("b", "must have one entry per class (" + w.length + ")", b.length);
        }
        for (double[] row : w) {
            if (row.length != w[0].length) {
                throw new ParameterException("w", "rows must all have length " + w[0].length, row.length);
            }
        }
    }

    /** Number of classes K. */
    public int classes() {
        return w.length;
    }

    /** Input dimension n. */
    public int dim() {
        return w[0].length;
    }

    /** The scores f_k(x + δ). */
    public double[] scores(double[] x, double[] delta) {
        double[] f = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double s = b[k];
            for (int i = 0; i < x.length; i++) {
                s += w[k][i] * (x[i] + delta[i]);
            }
            f[k] = s;
        }
        return f;
    }

    /** max_{j≠y} f_j(x + δ) − f_y(x + δ): the point is misclassified iff this is ≥ 0. */
    public double largestMargin(double[] x, double[] delta, int y) {
        double[] f = scores(x, delta);
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < f.length; j++) {
            if (j != y) {
                m = Math.max(m, f[j] - f[y]);
            }
        }
        return m;
    }

    /** The class with the highest score at x + δ (the first on ties). */
    public int predict(double[] x, double[] delta) {
        double[] f = scores(x, delta);
        int best = 0;
        for (int k = 1; k < f.length; k++) {
            if (f[k] > f[best]) {
                best = k;
            }
        }
        return best;
    }

    /** ∇_δ CE(f(x + δ), y) = Σ_k p_k w_k − w_y, p = softmax(f(x + δ)) (computed with the largest score subtracted). */
    public double[] crossEntropyGradient(double[] x, double[] delta, int y) {
        double[] f = scores(x, delta);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double z = 0.0;
        double[] p = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            p[k] = Math.exp(f[k] - max);
            z += p[k];
        }
        double[] g = new double[x.length];
        for (int k = 0; k < f.length; k++) {
            double coef = p[k] / z - (k == y ? 1.0 : 0.0);
            for (int i = 0; i < g.length; i++) {
                g[i] += coef * w[k][i];
            }
        }
        return g;
    }

    /** The cross-entropy −f_y + log Σ_k exp f_k at x + δ. */
    public double crossEntropy(double[] x, double[] delta, int y) {
        double[] f = scores(x, delta);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double z = 0.0;
        for (double v : f) {
            z += Math.exp(v - max);
        }
        return max + Math.log(z) - f[y];
    }
}
