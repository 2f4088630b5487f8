package tradeoffs.reproduce.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.TestCorrelation;
import tradeoffs.deep.eval.CorrelationShift;
import tradeoffs.deep.eval.ModelEvaluation;
import tradeoffs.deep.eval.Regime;
import tradeoffs.deep.eval.ShiftedRobustAccuracy;
import tradeoffs.io.schema.BenchmarkLabels;
import tradeoffs.io.schema.TableNames;
import tradeoffs.reproduce.Profile;
import tradeoffs.theory.ParameterException;

/**
 * What the deep stage trains and measures, per profile: the sizes, and the benchmarks (settings) with
 * their training regimes and measurements.
 *
 * <ul>
 * <li><b>main</b> ({@code bg<fg}: κ_fg 0.6, κ_bg 0.3; {@code bg>fg}: 0.3, 0.8): standard, ℓ2- and
 *     ℓ∞-adversarial training at every radius of the plan; background reliance, robust accuracy and
 *     accuracy at shifted test correlations (claims 1, 3 and the deep claim);</li>
 * <li><b>scale ratio</b>: the default contrasts with the background contrast set by
 *     {@link BenchmarkParams#withScaleRatio} to each ratio of the plan; standard and the largest radius
 *     of each norm; background reliance and shifted accuracy, no robust accuracy (claim 2's phase
 *     diagram, with the main benchmarks' ratios 0.44 and 2.33 beside them);</li>
 * <li><b>uncorrelated</b>: the {@code bg<fg} benchmark at ρ = 1/K; standard and the largest radius of
 *     each norm; robust accuracy on the test images of the correlated benchmark (claim 4).</li>
 * </ul>
 *
 * @param imageSize image side in pixels
 * @param trainSize training images per model
 * @param testSize test images per variant, per shifted split and for robust accuracy
 * @param epochs training epochs
 * @param trainSteps PGD steps of adversarial training
 * @param evalSteps PGD steps of the evaluation attacks
 * @param restarts restarts of the evaluation attacks
 * @param linfEps ℓ∞ training radii of the main benchmarks (ascending; the last is used elsewhere)
 * @param l2Eps ℓ2 training radii of the main benchmarks (ascending; the last is used elsewhere)
 * @param replicates training seeds per regime
 * @param scaleRatios the scale-ratio benchmarks (may be empty)
 * @param testRhos ρ′ of the shifted test splits with the identity pairing (the reversed pairing at the
 *     training ρ is always added)
 * @param uncorrelated whether to train the uncorrelated benchmark (claim 4)
 */
public record DeepPlan(
        int imageSize,
        int trainSize,
        int testSize,
        int epochs,
        int trainSteps,
        int evalSteps,
        int restarts,
        double[] linfEps,
        double[] l2Eps,
        int replicates,
        double[] scaleRatios,
        double[] testRhos,
        boolean uncorrelated) {

    /** The training ρ of every correlated benchmark and K. */
    static final BenchmarkParams BASE = BenchmarkParams.defaults();

    public DeepPlan {
        ParameterException.requireAtLeast("replicates", replicates, 1);
        if (linfEps.length == 0 || l2Eps.length == 0) {
            throw new ParameterException(
                    "train_eps",
                    "needs at least one radius per norm",
                    Arrays.toString(linfEps) + " " + Arrays.toString(l2Eps));
        }
        linfEps = linfEps.clone();
        l2Eps = l2Eps.clone();
        scaleRatios = scaleRatios.clone();
        testRhos = testRhos.clone();
    }

    /** The sizes of a profile. */
    public static DeepPlan of(Profile p) {
        return p == Profile.QUICK
                ? new DeepPlan(
                        16,
                        4000,
                        1000,
                        8,
                        3,
                        10,
                        1,
                        new double[] {0.0314},
                        new double[] {0.5},
                        2,
                        new double[] {0.8, 1.25},
                        new double[] {0.9, 0.6, 0.2, 0.0},
                        true)
                : new DeepPlan(
                        24,
                        10000,
                        1000,
                        15,
                        5,
                        20,
                        2,
                        new double[] {0.0078, 0.0157, 0.0314},
                        new double[] {0.125, 0.25, 0.5},
                        4,
                        new double[] {0.25, 0.5, 0.8, 1.0, 1.25, 1.45},
                        new double[] {0.9, 0.75, 0.6, 0.4, 0.2, 0.0},
                        true);
    }

    /**
     * One benchmark of the plan and what is trained and measured on it.
     *
     * @param label the {@code benchmark} column's value
     * @param role main, scale_ratio or uncorrelated
     * @param params the benchmark
     * @param regimes the training regimes
     * @param evalEps robust-accuracy ε grid per norm on the benchmark's own test images (may be empty)
     * @param evaluations further measurements of every model
     */
    public record Setting(
            String label,
            String role,
            BenchmarkParams params,
            List<Regime> regimes,
            Map<PerturbationNorm, double[]> evalEps,
            List<ModelEvaluation> evaluations) {}

    /** Role of the two contrast benchmarks. */
    public static final String MAIN = "main";
    /** Role of the scale-ratio benchmarks. */
    public static final String SCALE_RATIO = "scale_ratio";
    /** Role of the ρ = 1/K benchmark. */
    public static final String UNCORRELATED = "uncorrelated";

    /** The settings in run order: main, scale ratio, uncorrelated. */
    public List<Setting> settings() {
        BenchmarkParams base = BASE.withImageSize(imageSize);
        List<Setting> out = new ArrayList<>();
        List<Regime> all = new ArrayList<>();
        all.add(Regime.standard());
        for (double e : l2Eps) {
            all.add(new Regime(PerturbationNorm.L2, e));
        }
        for (double e : linfEps) {
            all.add(new Regime(PerturbationNorm.LINF, e));
        }
        List<Regime> largest = List.of(
                Regime.standard(),
                new Regime(PerturbationNorm.L2, l2Eps[l2Eps.length - 1]),
                new Regime(PerturbationNorm.LINF, linfEps[linfEps.length - 1]));
        ModelEvaluation shift = CorrelationShift.evaluation(
                TableNames.DEEP_SHIFT, testSize, CorrelationShift.grid(base.numClasses(), base.rho(), testRhos));
        for (BenchmarkParams b : List.of(base.withContrasts(0.6, 0.3), base.withContrasts(0.3, 0.8))) {
            out.add(new Setting(
                    BenchmarkLabels.byContrast(b.foregroundContrast(), b.backgroundContrast()),
                    MAIN,
                    b,
                    all,
                    evalEps(),
                    List.of(shift)));
        }
        for (double r : scaleRatios) {
            BenchmarkParams b = base.withContrasts(0.6, 0.3).withScaleRatio(r);
            out.add(new Setting(BenchmarkLabels.byScaleRatio(r), SCALE_RATIO, b, largest, Map.of(), List.of(shift)));
        }
        if (uncorrelated) {
            BenchmarkParams b = base.withContrasts(0.6, 0.3).withRho(1.0 / base.numClasses());
            out.add(new Setting(
                    BenchmarkLabels.UNCORRELATED,
                    UNCORRELATED,
                    b,
                    largest,
                    Map.of(),
                    List.of(ShiftedRobustAccuracy.evaluation(
                            TableNames.DEEP_ROBUST_SHIFT,
                            TestCorrelation.identity(base.numClasses(), base.rho()),
                            largestEvalEps()))));
        }
        return out;
    }

    /** The evaluation grid of the main benchmarks: 0 and every training radius, per norm. */
    Map<PerturbationNorm, double[]> evalEps() {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>();
        m.put(PerturbationNorm.LINF, withZero(linfEps));
        m.put(PerturbationNorm.L2, withZero(l2Eps));
        return m;
    }

    /** 0 and the largest training radius, per norm. */
    Map<PerturbationNorm, double[]> largestEvalEps() {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>();
        m.put(PerturbationNorm.LINF, new double[] {0, linfEps[linfEps.length - 1]});
        m.put(PerturbationNorm.L2, new double[] {0, l2Eps[l2Eps.length - 1]});
        return m;
    }

    /** Models the plan trains (every regime of every setting, every replicate). */
    public int models() {
        return settings().stream().mapToInt(s -> s.regimes().size()).sum() * replicates;
    }

    private static double[] withZero(double[] eps) {
        double[] g = new double[eps.length + 1];
        System.arraycopy(eps, 0, g, 1, eps.length);
        return g;
    }
}
