package tradeoffs.simulation.training;

import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * Probe, not a test: 128 ℓ2-attack fits on HardSamples' generator with noise σ (first argument,
 * 10⁻⁶ by default): n = 1500–25000, d = 2–100, four feature/noise kinds, ε at 10⁻⁴, 0.05, 0.5,
 * 0.999 of the zero threshold. Prints r₀/(ε‖w₀‖₂), certified, gap, Newton steps and passes, and
 * the same fit without the sign-piece route. Run from the test classpath:
 * {@code java -cp simulation/target/test-classes:simulation/target/classes:...
 * tradeoffs.simulation.training.NearNoiselessProbe 1e-6}; results in benchmarks/results/fsl2exact.md.
 */
final class NearNoiselessProbe {
    public static void main(String[] args) {
        double sigma = args.length > 0 ? Double.parseDouble(args[0]) : 1e-6;
        int[][] nd = {{1500, 2}, {3000, 5}, {2000, 20}, {5000, 20}, {2000, 50}, {1500, 100}, {25000, 2}, {25000, 20}};
        int bad = 0;
        int all = 0;
        for (int[] c : nd) {
            for (int kind = 0; kind < 4; kind++) {
                boolean heavy = kind >= 2;
                double kappa = kind % 2 == 1 ? 1e3 : 1;
                Sample s = HardSamples.sample(c[0], c[1], kappa, heavy, 5000L + 31 * c[0] + c[1] + kind, sigma);
                EmpiricalAdversarialTraining at = EmpiricalAdversarialTraining.of(s);
                double e0 = LpNorm.L2.norm(xty(s)) / meanAbs(s);
                for (double f : new double[] {1e-4, 0.05, 0.5, 0.999}) {
                    EmpiricalFit fit = at.fit(LpNorm.L2, f * e0, 1e-9, null, true);
                    EmpiricalFit smooth = at.fit(LpNorm.L2, f * e0, 1e-9, null, false);
                    all++;
                    double ratio = rms(s, at.leastSquares()) / (f * e0 * LpNorm.L2.norm(at.leastSquares()));
                    if (!fit.certified()) {
                        bad++;
                    }
                    System.out.printf(
                            "n=%d d=%d kind=%d f=%g r0/(eps|w0|)=%.3g: cert=%b gap=%.2e steps=%d passes=%d | smooth-only cert=%b gap=%.2e%n",
                            c[0],
                            c[1],
                            kind,
                            f,
                            ratio,
                            fit.certified(),
                            fit.relativeGap(),
                            fit.newtonSteps(),
                            fit.passes(),
                            smooth.certified(),
                            smooth.relativeGap());
                }
            }
        }
        System.out.println("uncertified " + bad + " of " + all);
    }

    private static double[] xty(Sample s) {
        double[] c = new double[s.d()];
        for (int i = 0; i < s.n(); i++) {
            for (int j = 0; j < s.d(); j++) {
                c[j] += s.x(i, j) * s.y()[i] / s.n();
            }
        }
        return c;
    }

    private static double rms(Sample s, double[] w) {
        double m = 0;
        for (int i = 0; i < s.n(); i++) {
            double r = s.y()[i];
            for (int j = 0; j < s.d(); j++) {
                r -= s.x(i, j) * w[j];
            }
            m += r * r / s.n();
        }
        return Math.sqrt(m);
    }

    private static double meanAbs(Sample s) {
        double a = 0;
        for (int i = 0; i < s.n(); i++) {
            a += Math.abs(s.y()[i]);
        }
        return a / s.n();
    }
}
