package tradeoffs.simulation.training;

import tradeoffs.theory.ParameterException;
import tradeoffs.theory.sample.Sample;

/**
 * The sample and the moments that make the smooth part of the finite-sample objective cheap
 * (docs/math.md §6.1): S = XᵀX/n, c = Xᵀy/n, ȳ² = ‖y‖²/n and
 * ‖y‖₁/n, so that the mean squared residual is m₂(w) = (1/n)‖y − Xw‖² = wᵀSw − 2cᵀw + ȳ² in
 * O(d²), and the Cholesky factor of S. c, ȳ² and ‖y‖₁ come from one O(nd) pass, enough to decide
 * whether w = 0 is optimal; S (O(nd²)) is formed only when a fit needs it. Every fit reads these,
 * none writes them.
 */
final class SufficientStatistics {
    final Sample sample;
    final int n;
    final int d;
    final double[] x;
    final double[] y;
    /** c = Xᵀy/n. */
    final double[] xty;
    /** ȳ² = ‖y‖²/n. */
    final double yy;
    /** ‖y‖₁/n. */
    final double meanAbsY;
    /** S and its factor, formed on first use (never when w = 0 is optimal). */
    private volatile Gram gramCache;

    /**
     * S = XᵀX/n (row-major) and the rows of its Cholesky factor U (S = UᵀU, {@link NewtonSystem}'s
     * outer-product form; read only, so threads share it).
     */
    private record Gram(double[] s, double[][] cholesky) {}

    /** One O(nd) pass: c, ȳ², ‖y‖₁/n (enough for the zero-solution test). */
    SufficientStatistics(Sample sample) {
        this.sample = sample;
        this.n = sample.n();
        this.d = sample.d();
        this.x = sample.x();
        this.y = sample.y();
        double[] c = new double[d];
        double acc = 0;
        double abs = 0;
        if (d == 2) {
            // the same sums in the same order as the loop below, the two accumulators in registers
            double c0 = 0;
            double c1 = 0;
            for (int i = 0; i < n; i++) {
                double yi = y[i];
                c0 += yi * x[2 * i];
                c1 += yi * x[2 * i + 1];
                acc += yi * yi;
                abs += Math.abs(yi);
            }
            c[0] = c0;
            c[1] = c1;
        } else {
            // c[j] += y_i x_ij row after row, four rows at a time (the same sums, same bits)
            GramKernel.addScaledBlock(c, y, null, null, null, null, x, 0, n, new double[4][d]);
            for (int i = 0; i < n; i++) {
                double yi = y[i];
                acc += yi * yi;
                abs += Math.abs(yi);
            }
        }
        for (int j = 0; j < d; j++) {
            c[j] /= n;
        }
        this.xty = c;
        this.yy = acc / n;
        this.meanAbsY = abs / n;
    }

    /**
     * S = XᵀX/n, row-major (shared: do not modify). Formed once, by {@link GramKernel}; two
     * threads that race here compute the same matrix, so no lock is needed.
     */
    double[] gram() {
        return factored().s;
    }

    private Gram factored() {
        Gram g = gramCache;
        if (g == null) {
            double[] s = GramKernel.gram(x, n, d);
            for (int k = 0; k < s.length; k++) {
                s[k] /= n;
            }
            // the same factor, bit for bit, as EJML's inner-product Cholesky (every entry takes its
            // subtractions in the same order), in 35 µs instead of 82 µs at d = 100
            // (benchmarks/results/fsl2near.md)
            NewtonSystem system = new NewtonSystem(d);
            System.arraycopy(s, 0, system.hessian, 0, s.length);
            if (!system.factorExactly()) {
                throw new ParameterException(
                        "n",
                        "must be >= d = " + d
                                + " with X'X positive definite (the under-determined regime is not supported)",
                        n);
            }
            g = new Gram(s, system.factorRows());
            gramCache = g;
        }
        return g;
    }

    /** S⁻¹ rhs (a new array; rhs is not modified). */
    double[] solveGram(double[] rhs) {
        double[] v = rhs.clone();
        NewtonSystem.solve(factored().cholesky, d, v);
        return v;
    }

    /** m₂(w) = wᵀSw − 2cᵀw + ȳ² from the moments: no pass over the data. */
    double meanSquaredResidual(double[] w) {
        double[] sw = gramTimes(w);
        double s = yy;
        for (int j = 0; j < d; j++) {
            s += w[j] * sw[j] - 2 * xty[j] * w[j];
        }
        return s;
    }

    /**
     * S w (a new array), O(d²): out_j = {@link SmoothedObjective#dot}(S_j, w), four rows of S at
     * a time through {@link SmoothedObjective#dots} (the same sums, bit for bit).
     */
    double[] gramTimes(double[] w) {
        return times(gram(), d, w);
    }

    /**
     * S w for S = {@link #gram()} already formed (d × d, row-major): as {@link #gramTimes}, for
     * callers that hold S through a run, so the JIT does not compile the lazy formation of S into
     * every loop that multiplies by it.
     */
    static double[] times(double[] s, int d, double[] w) {
        double[] out = new double[d];
        SmoothedObjective.dots(s, 0, d, d, w, out);
        return out;
    }
}
