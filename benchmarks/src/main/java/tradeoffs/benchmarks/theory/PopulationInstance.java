package tradeoffs.benchmarks.theory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.random.SplitMix64;
import tradeoffs.theory.regression.AdversarialRisk;
import tradeoffs.theory.regression.GaussianModel;

/**
 * The population benchmark problem, generated the same way by the numpy/scipy anchor
 * (benchmarks/anchors/population_solve.py): an AR(1) covariance Σ_ij = ρ^|i−j| (the powers by
 * repeated multiplication, so both sides hold the same doubles), y = βᵀx + σ_n ν with
 * β_i = 2u_i − 1, u_i the i-th SplitMix64 output of the seed mapped to [0, 1) (53 bits), scaled so
 * that βᵀΣβ = 1; then b = Σβ, v = 1 + σ_n². The radius is a fraction of the attack's zero
 * threshold ε₀ = ‖b‖_p/(c√v) (w = 0 is optimal from ε₀ on). b, v and ε are written to a file the
 * anchor reads, so both solve bit-identical problems.
 *
 * @param dim   d
 * @param rho   the AR(1) correlation ρ ∈ [0, 1)
 * @param seed  the SplitMix64 seed of β
 * @param noise σ_n
 */
public record PopulationInstance(int dim, double rho, long seed, double noise) {

    /** The model (Σ, b, v). */
    public GaussianModel model() {
        return new GaussianModel(sigma(), b(), 1 + noise * noise);
    }

    /** ρ^k for k = 0 … d − 1, by repeated multiplication. */
    private double[] powers() {
        double[] powers = new double[dim];
        powers[0] = 1.0;
        for (int k = 1; k < dim; k++) {
            powers[k] = powers[k - 1] * rho;
        }
        return powers;
    }

    /** Σ_ij = ρ^|i−j|. */
    public double[][] sigma() {
        double[] powers = powers();
        double[][] s = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                s[i][j] = powers[Math.abs(i - j)];
            }
        }
        return s;
    }

    /** b = Σβ/√(βᵀΣβ), sums in index order. */
    public double[] b() {
        long[] state = new long[dim];
        SplitMix64.fill(seed, state);
        double[] beta = new double[dim];
        for (int i = 0; i < dim; i++) {
            beta[i] = 2 * ((state[i] >>> 11) * 0x1.0p-53) - 1;
        }
        double[] powers = powers();
        double[] sb = new double[dim];
        double q = 0.0;
        for (int i = 0; i < dim; i++) {
            double r = 0.0;
            for (int j = 0; j < dim; j++) {
                r += powers[Math.abs(i - j)] * beta[j];
            }
            sb[i] = r;
            q += beta[i] * r;
        }
        double scale = Math.sqrt(q);
        for (int i = 0; i < dim; i++) {
            sb[i] /= scale;
        }
        return sb;
    }

    /** ε = fraction · ‖b‖_p/(c√v) for the attack norm p. */
    public static double eps(GaussianModel model, LpNorm attack, double fraction) {
        return fraction * attack.norm(model.b()) / (AdversarialRisk.C * Math.sqrt(model.v()));
    }

    /** Writes "dim rho seed noise v eps" then b, one value a line (Java's round-trip decimal). */
    public void write(Path file, GaussianModel model, double eps) {
        writeValues(file, dim + " " + rho + " " + seed + " " + noise + " " + model.v() + " " + eps, model.b());
    }

    /** Writes an optional header line, then the values one a line (Java's round-trip decimal). */
    static void writeValues(Path file, String header, double[] values) {
        List<String> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        for (double x : values) {
            lines.add(Double.toString(x));
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
