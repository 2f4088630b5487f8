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
import tradeoffs.deep.eval.EpochRobustness;
import tradeoffs.deep.eval.ModelEvaluation;
import tradeoffs.deep.eval.Regime;
import tradeoffs.deep.eval.ShiftedRobustAccuracy;
import tradeoffs.deep.train.TrainConfig.Method;
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
 * <li><b>methods</b> (when {@code methods} is given): the {@code bg<fg} benchmark under the label
 *     {@value #METHODS_LABEL}, training methods side by side (standard, PGD, MAX, AVG, BETA-AT,
 *     TRADES); robust accuracy against ε per norm, union robust accuracy, robust accuracy per
 *     epoch.</li>
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
 * @param methods the methods setting, or null for none
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
        boolean uncorrelated,
        Methods methods) {

    /**
     * The methods setting: training methods side by side on {@code bg<fg} (same training images,
     * epochs and PGD steps as the other settings).
     *
     * @param regimes the training methods with their radii
     * @param evalEps robust-accuracy ε grid per norm (ascending; the largest of each norm counts for
     *     the union robust accuracy)
     * @param testSize test images for robust accuracy and the reliance metrics
     * @param replicates training seeds per method
     * @param epochImages held-out images (the first of the test images) attacked after every epoch
     * @param epochSteps PGD steps of that per-epoch attack (ℓ∞ at the largest ℓ∞ radius of
     *     {@code evalEps})
     */
    public record Methods(
            List<Regime> regimes,
            Map<PerturbationNorm, double[]> evalEps,
            int testSize,
            int replicates,
            int epochImages,
            int epochSteps) {
        public Methods {
            regimes = List.copyOf(regimes);
            evalEps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evalEps));
            ParameterException.requireAtLeast("methods_test_size", testSize, 1);
            ParameterException.requireAtLeast("methods_replicates", replicates, 1);
            ParameterException.requireAtLeast("epoch_images", epochImages, 1);
            ParameterException.requireAtLeast("epoch_steps", epochSteps, 1);
            if (!evalEps.containsKey(PerturbationNorm.LINF)) {
                throw new ParameterException(
                        "methods_eval_eps", "needs an l-inf grid (the per-epoch attack)", evalEps.keySet());
            }
        }

        /** The per-epoch measurement: ℓ∞ PGD at the largest ℓ∞ radius. */
        public EpochRobustness perEpoch() {
            double[] g = evalEps.get(PerturbationNorm.LINF);
            return new EpochRobustness(epochImages, PerturbationNorm.LINF, g[g.length - 1], epochSteps);
        }
    }

    /** A plan without the methods setting. */
    public DeepPlan(
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
        this(
                imageSize,
                trainSize,
                testSize,
                epochs,
                trainSteps,
                evalSteps,
                restarts,
                linfEps,
                l2Eps,
                replicates,
                scaleRatios,
                testRhos,
                uncorrelated,
                null);
    }

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
                        true,
                        new Methods(
                                List.of(
                                        Regime.standard(),
                                        Regime.of(Method.PGD, LINF_QUICK),
                                        Regime.of(Method.MAX, LINF_QUICK, L2_QUICK),
                                        Regime.of(Method.TRADES, LINF_QUICK),
                                        Regime.of(Method.BETA, LINF_QUICK)),
                                grids(new double[] {0.0157, 0.0314}, new double[] {0.25, 0.5}, null),
                                500,
                                1,
                                200,
                                5))
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
                        true,
                        new Methods(
                                List.of(
                                        Regime.standard(),
                                        Regime.of(Method.PGD, LINF_FULL),
                                        Regime.of(Method.PGD, L2_FULL),
                                        Regime.of(Method.PGD, L1_FULL),
                                        Regime.of(Method.MAX, LINF_FULL, L2_FULL, L1_FULL),
                                        Regime.of(Method.AVG, LINF_FULL, L2_FULL, L1_FULL),
                                        Regime.of(Method.BETA, LINF_FULL),
                                        Regime.of(Method.TRADES, LINF_FULL)),
                                grids(
                                        new double[] {0.0078, 0.0157, 0.0314},
                                        new double[] {0.125, 0.25, 0.5},
                                        new double[] {1.5, 3, 6}),
                                1000,
                                2,
                                500,
                                10));
    }

    private static final Regime.Ball LINF_QUICK = new Regime.Ball(PerturbationNorm.LINF, 0.0314);
    private static final Regime.Ball L2_QUICK = new Regime.Ball(PerturbationNorm.L2, 0.5);
    private static final Regime.Ball LINF_FULL = LINF_QUICK;
    private static final Regime.Ball L2_FULL = L2_QUICK;
    /** ℓ1 radius of the full profile's methods (24×24×3 = 1 728 pixels: about 0.0035 per pixel on average). */
    private static final Regime.Ball L1_FULL = new Regime.Ball(PerturbationNorm.L1, 6);

    /** 0 and the given radii per norm (ℓ∞, ℓ2, then ℓ1 when not null). */
    private static Map<PerturbationNorm, double[]> grids(double[] linf, double[] l2, double[] l1) {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>();
        m.put(PerturbationNorm.LINF, withZero(linf));
        m.put(PerturbationNorm.L2, withZero(l2));
        if (l1 != null) {
            m.put(PerturbationNorm.L1, withZero(l1));
        }
        return m;
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
    /** Role of the methods setting. */
    public static final String METHODS = "methods";
    /** The methods setting's {@code benchmark} label (the {@code bg<fg} benchmark). */
    public static final String METHODS_LABEL = "bg<fg methods";

    /** The settings in run order: main, scale ratio, uncorrelated, methods. */
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
        if (methods != null) {
            out.add(new Setting(
                    METHODS_LABEL,
                    METHODS,
                    base.withContrasts(0.6, 0.3),
                    methods.regimes(),
                    methods.evalEps(),
                    List.of()));
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
        return settings().stream()
                .mapToInt(s -> s.regimes().size() * replicates(s))
                .sum();
    }

    /** Training seeds per regime of setting {@code s}. */
    public int replicates(Setting s) {
        return s.role().equals(METHODS) ? methods.replicates() : replicates;
    }

    /** Test images of setting {@code s}. */
    public int testSize(Setting s) {
        return s.role().equals(METHODS) ? methods.testSize() : testSize;
    }

    private static double[] withZero(double[] eps) {
        double[] g = new double[eps.length + 1];
        System.arraycopy(eps, 0, g, 1, eps.length);
        return g;
    }
}
