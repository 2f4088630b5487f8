package tradeoffs.simulation.training;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import tradeoffs.theory.sample.Sample;

/**
 * Twenty generated regression samples for the exactness tests of the finite-sample solver, chosen
 * to be hard: d ∈ {2, 3, 5, 10, 20}; features Gaussian or Student t(3) (heavy tails), with a
 * covariance QΛQᵀ of condition number κ ∈ {1, 1e3} (Λ log-spaced from 1 to 1/κ, Q a random
 * rotation); y = xᵀβ + σν (σ = 0.5 unless given) with β a random unit vector and ν Gaussian or t(3). Sample k is the
 * same on every machine (SplitMix64 seeded with k).
 */
final class HardSamples {
    static final int COUNT = 20;

    private HardSamples() {}

    /** Sample k ∈ [0, 20): d = {2,3,5,10,20}[k mod 5]; kind k / 5: Gaussian, Gaussian κ = 1e3, t(3), t(3) κ = 1e3. */
    static Sample sample(int k) {
        int d = new int[] {2, 3, 5, 10, 20}[k % 5];
        int kind = k / 5;
        boolean heavy = kind >= 2;
        double kappa = kind % 2 == 1 ? 1e3 : 1;
        int n = new int[] {300, 800, 2000, 500, 1200}[(k * 3) % 5];
        return sample(n, d, kappa, heavy, 1000L + k);
    }

    static String describe(int k) {
        Sample s = sample(k);
        int kind = k / 5;
        return "sample " + k + " (n=" + s.n() + ", d=" + s.d() + ", " + (kind >= 2 ? "t(3)" : "Gaussian") + ", kappa="
                + (kind % 2 == 1 ? "1e3" : "1") + ")";
    }

    static Sample sample(int n, int d, double kappa, boolean heavy, long seed) {
        return sample(n, d, kappa, heavy, seed, 0.5);
    }

    /** As {@link #sample(int, int, double, boolean, long)} with the noise scale σ given (0.5 there). */
    static Sample sample(int n, int d, double kappa, boolean heavy, long seed, double sigma) {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj q = randomRotation(d, g);
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(Math.pow(kappa, -(d == 1 ? 0.0 : (double) j / (d - 1))));
        }
        double[] beta = new double[d];
        double nb = 0;
        for (int j = 0; j < d; j++) {
            beta[j] = g.sample();
            nb += beta[j] * beta[j];
        }
        for (int j = 0; j < d; j++) {
            beta[j] /= Math.sqrt(nb);
        }
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = (heavy ? studentT3(g) : g.sample()) * scale[j];
            }
            double yi = 0;
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int l = 0; l < d; l++) {
                    v += q.get(j, l) * z[l];
                }
                x[i * d + j] = v;
                yi += beta[j] * v;
            }
            y[i] = yi + sigma * (heavy ? studentT3(g) : g.sample());
        }
        return new Sample(n, d, x, y);
    }

    /** Student t with 3 degrees of freedom: Z / √(χ²₃/3). */
    private static double studentT3(ZigguratSampler.NormalizedGaussian g) {
        double z = g.sample();
        double c = 0;
        for (int k = 0; k < 3; k++) {
            double u = g.sample();
            c += u * u;
        }
        return z / Math.sqrt(c / 3);
    }

    private static DMatrixRMaj randomRotation(int d, ZigguratSampler.NormalizedGaussian g) {
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            a.data[i] = g.sample();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        qr.decompose(a);
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.scale(1.0, q, out);
        return out;
    }
}
