package tradeoffs.simulation.sampling;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RectangularCholeskyDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.GaussianModel;
import tradeoffs.theory.sample.Sample;

/**
 * Draws (x, y) from the zero-mean jointly Gaussian model of docs/math.md §3.1: Cov(x) = Σ,
 * Cov(x, y) = b, Var(y) = v. The joint covariance C = [[Σ, b], [bᵀ, v]] is factored once as
 * C = B Bᵀ by a pivoted (rectangular) Cholesky decomposition, which also accepts the singular
 * positive semidefinite C of noiseless models; then (x, y) = B z with z ~ N(0, I_r).
 */
public final class GaussianSampler implements Sampler {
    private final int d;
    private final int rank;
    /** Root B, row-major (d+1) × rank. */
    private final double[] root;

    /**
     * @param sigma Cov(x), d × d symmetric
     * @param b Cov(x, y)
     * @param v Var(y)
     * @throws tradeoffs.theory.ParameterException on {@code v} if the joint covariance is not positive semidefinite
     */
    public GaussianSampler(double[][] sigma, double[] b, double v) {
        d = b.length;
        if (sigma.length != d) {
            throw new ParameterException("sigma", "must be " + d + " x " + d + " to match b", sigma.length + " rows");
        }
        double[][] c = new double[d + 1][d + 1];
        double scale = Math.abs(v);
        for (int i = 0; i < d; i++) {
            if (sigma[i].length != d) {
                throw new ParameterException(
                        "sigma", "must be square", "row " + i + " with " + sigma[i].length + " entries");
            }
            System.arraycopy(sigma[i], 0, c[i], 0, d);
            c[i][d] = b[i];
            c[d][i] = b[i];
            scale = Math.max(scale, Math.abs(sigma[i][i]));
        }
        c[d][d] = v;
        RealMatrix bm;
        try {
            bm = new RectangularCholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-13 * Math.max(scale, 1e-300))
                    .getRootMatrix();
        } catch (NonPositiveDefiniteMatrixException e) {
            ParameterException pe = new ParameterException(
                    "v", "must make the joint covariance [[sigma, b], [b', v]] positive semidefinite", v);
            pe.initCause(e);
            throw pe;
        }
        rank = bm.getColumnDimension();
        root = new double[(d + 1) * rank];
        for (int i = 0; i <= d; i++) {
            for (int k = 0; k < rank; k++) {
                root[i * rank + k] = bm.getEntry(i, k);
            }
        }
    }

    /** The sampler of a theory {@link GaussianModel}. */
    public static GaussianSampler of(GaussianModel model) {
        return new GaussianSampler(model.sigma(), model.b(), model.v());
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Sample sample(int n, UniformRandomProvider rng) {
        if (n < 1) {
            throw new ParameterException("n", "must be >= 1", n);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] z = new double[rank];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rank; k++) {
                z[k] = gauss.sample();
            }
            for (int j = 0; j <= d; j++) {
                double s = 0;
                int off = j * rank;
                for (int k = 0; k < rank; k++) {
                    s += root[off + k] * z[k];
                }
                if (j < d) {
                    x[i * d + j] = s;
                } else {
                    y[i] = s;
                }
            }
        }
        return new Sample(n, d, x, y);
    }
}
