package tradeoffs.theory.classification;

import java.util.Arrays;
import tradeoffs.theory.ParameterException;

/**
 * A linear classifier sign(w₀x₀ + Σ_{i≥1} w_i x_i + b) on the distribution of docs/math.md §10.1
 * (ties, a score of exactly 0, count as errors).
 *
 * @param w0 weight of the robust feature x₀
 * @param weak weights w₁..w_d of the weak features (copied)
 * @param bias the offset b
 */
public record LinearClassifier(double w0, double[] weak, double bias) {
    public LinearClassifier {
        if (weak == null || weak.length == 0) {
            throw new ParameterException("weak", "must hold at least one weight", weak == null ? "null" : "none");
        }
        if (!Double.isFinite(w0)) {
            throw new ParameterException("w0", "must be finite", w0);
        }
        if (!Double.isFinite(bias)) {
            throw new ParameterException("bias", "must be finite", bias);
        }
        weak = weak.clone();
        for (double v : weak) {
            if (!Double.isFinite(v)) {
                throw new ParameterException("weak", "entries must be finite", v);
            }
        }
    }

    /** w₀ on x₀ and the same weight u on each of the d weak features. */
    public static LinearClassifier uniform(int dim, double w0, double u, double bias) {
        double[] w = new double[dim];
        Arrays.fill(w, u);
        return new LinearClassifier(w0, w, bias);
    }

    @Override
    public double[] weak() {
        return weak.clone();
    }

    /** Number d of weak features. */
    public int dim() {
        return weak.length;
    }

    /** The full weight vector (w₀, w₁, …, w_d), the vector the attack's dual norm is taken of. */
    public double[] weights() {
        double[] w = new double[weak.length + 1];
        w[0] = w0;
        System.arraycopy(weak, 0, w, 1, weak.length);
        return w;
    }

    /** S = Σ_{i≥1} w_i. */
    public double weakSum() {
        double s = 0.0;
        for (double v : weak) {
            s += v;
        }
        return s;
    }

    /** σ = ‖w_{1:d}‖₂, the standard deviation of Σ w_i x_i given y. */
    public double weakL2() {
        return tradeoffs.theory.norm.LpNorm.L2.norm(weak);
    }

    /** The score w₀x₀ + Σ w_i x_i + b of x = (x₀, x₁, …, x_d). */
    public double score(double[] x) {
        if (x.length != weak.length + 1) {
            throw new ParameterException("x", "must have length " + (weak.length + 1), x.length);
        }
        double s = w0 * x[0] + bias;
        for (int i = 0; i < weak.length; i++) {
            s += weak[i] * x[i + 1];
        }
        return s;
    }

    /** sign(score(x)) ∈ {−1, 0, +1}; 0 (a tie) is never a correct label. */
    public int predict(double[] x) {
        return (int) Math.signum(score(x));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearClassifier c
                && Double.compare(c.w0, w0) == 0
                && Double.compare(c.bias, bias) == 0
                && Arrays.equals(c.weak, weak);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(w0) + Arrays.hashCode(weak)) + Double.hashCode(bias);
    }

    @Override
    public String toString() {
        return "LinearClassifier[w0=" + w0 + ", weak=" + Arrays.toString(weak) + ", bias=" + bias + "]";
    }
}
