package tradeoffs.tests.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.bridge.EmpiricalObjective;
import tradeoffs.deep.bridge.LinearBridge;
import tradeoffs.deep.bridge.PgdLinearRegression;
import tradeoffs.deep.bridge.RegressionPgd;
import tradeoffs.deep.bridge.RegressionTrainConfig;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.reproduce.stage.BridgeSamples;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * Theory vs simulation vs deep on one point (cross-check (c) of docs/bridge.md). On ONE sample of
 * n = 2000 the simulation module's certified convex solver (docs/math.md §6.1) and DJL PGD adversarial
 * training minimise the same empirical adversarial risk F(w) = (1/n) Σ (|y_i − x_iᵀw| + ε‖w‖_q)²:
 * <ul>
 *   <li>DJL's F is never below the solver's certified lower bound (the dual value), and is within
 *       1e-4 (relative) of the minimum. Derivation: away from kinks F − F* ≈ ½δᵀ∇²Fδ; with
 *       ‖δ‖ ≤ 0.005 (the optimisation allowance) and λ_max(∇²F) ≲ 2λ_max(Σ)(1 + ε)² ≈ 10 at these
 *       points that is ≤ 1.3e-4 absolute, F* ≈ 0.5–1, so 1e-4 relative with the measured gaps
 *       (≤ 1e-5) ten times below it. The points are chosen off the kinks (both weights non-zero).</li>
 *   <li>the DJL weights are within 0.005 of the convex optimum;</li>
 *   <li>the PGD inner loop at the trained weights attains the closed-form worst case: its mean loss
 *       over the sample equals F(w) (docs/math.md §2.1) to 1e-5 relative (float32 rounding);</li>
 *   <li>the convex optimum is within 4·sd_n of the theory's population weights (simulation vs theory).</li>
 * </ul>
 */
class TheorySimulationDeepTest {
    static final int N = 2000;
    static final long SEED = 31_337L;

    @ParameterizedTest(name = "{0} eps={1} sigma_s={2}")
    @CsvSource({"l2, 0.5, 1.0", "linf, 0.5, 4.0"})
    void djlReachesTheCertifiedEmpiricalOptimumOnTheSameSample(String normId, double eps, double sigmaS) {
        PerturbationNorm norm = PerturbationNorm.parse(normId, "norm");
        CoreSpuriousModel model = CoreSpuriousModel.twoFeature(1.0, sigmaS, 0.6, 0.5);
        Sample data = BridgeSamples.draw(model, N, SEED, 0, 0);
        Sample sample = data;

        EmpiricalFit convex = EmpiricalAdversarialTraining.of(data).fit(norm.lp(), eps);
        assertTrue(convex.certified(), "convex solver certified: " + convex.relativeGap());
        RegressionPgd pgd = RegressionPgd.of(norm, eps, 3);
        double[] w = new PgdLinearRegression(pgd, RegressionTrainConfig.defaults(N, SEED))
                .train(sample)
                .w();
        double fDeep = EmpiricalObjective.of(sample, norm.lp(), eps, w);
        double fStar = convex.objective();
        double[] wHat = convex.w();
        double[] wPop =
                AdversarialTraining.solve(model.toGaussian(), norm.lp(), eps).w();
        System.out.printf(
                "%s eps=%.2f sigma_s=%.1f: theory w=(%.5f, %.5f)  simulation w=(%.5f, %.5f) F*=%.8f"
                        + "  deep w=(%.5f, %.5f) F=%.8f (rel excess %.2e)%n",
                norm,
                eps,
                sigmaS,
                wPop[0],
                wPop[1],
                wHat[0],
                wHat[1],
                fStar,
                w[0],
                w[1],
                fDeep,
                (fDeep - fStar) / fStar);

        assertTrue(
                fDeep >= convex.dualBound(),
                "F(w_deep) = " + fDeep + " below the certified lower bound " + convex.dualBound());
        assertTrue(fDeep - fStar <= 1e-4 * fStar, "F(w_deep) - F* = " + (fDeep - fStar) + " > 1e-4 F*");
        for (int j = 0; j < w.length; j++) {
            assertEquals(wHat[j], w[j], LinearBridge.OPTIMISATION_ALLOWANCE, "deep vs convex w_" + j);
        }
        assertEquals(fDeep, pgdLoss(pgd, sample, w), 1e-5 * fDeep, "PGD mean loss at the trained weights vs F(w)");

        double[] sd = FiniteSampleSpread.sd(model, norm.lp(), eps, N);
        for (int j = 0; j < w.length; j++) {
            assertEquals(wPop[j], wHat[j], DeepVsTheoryWeightsTest.Z * sd[j], "simulation vs theory w_" + j);
        }
        assertTrue(
                EmpiricalObjective.of(sample, norm.lp(), eps, wPop) >= convex.dualBound(),
                "the population weights cannot beat the sample's optimum");
    }

    /** (1/n) Σ (y_i − wᵀ(x_i + δ_i))² with δ from the bridge's PGD, in double from the float inputs PGD saw. */
    static double pgdLoss(RegressionPgd pgd, Sample s, double[] w) {
        int n = s.n();
        int d = s.d();
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n * d; i++) {
            x[i] = (float) s.x()[i];
        }
        for (int i = 0; i < n; i++) {
            y[i] = (float) s.y()[i];
        }
        float[] delta;
        try (NDManager m = DeepRuntime.engine().newBaseManager()) {
            NDArray xs = m.create(x, new Shape(n, d));
            NDArray ys = m.create(y, new Shape(n, 1));
            delta = pgd.perturb(xs, ys, w);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i];
            for (int j = 0; j < d; j++) {
                r -= w[j] * ((double) x[i * d + j] + delta[i * d + j]);
            }
            sum += r * r;
        }
        return sum / n;
    }
}
