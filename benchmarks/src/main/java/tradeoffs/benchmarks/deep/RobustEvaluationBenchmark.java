package tradeoffs.benchmarks.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.attack.Trajectory;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.eval.RobustAccuracy;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.io.ProgressListener;

/**
 * Robust evaluation of one CNN over an ε grid, as the deep stage of {@code reproduce --profile quick}
 * runs it (PGD-CE, 10 steps, then BETA; 16 px; {@value #IMAGES} test images in one batch): the
 * project's route ({@code stacked}: {@link RobustAccuracy#curve}, each attack at every radius of
 * the grid in one stack with a radius per row) against the same work one radius at a time
 * ({@code perRadius}: {@link Trajectory#anyFooled} per radius and attack, what the evaluation did
 * before, with the same random streams). Both give the same verdicts; the ratio of their times is
 * what stacking the grid buys. The model is trained for two epochs in the set-up (standard
 * training, so that most images are correctly classified and many survive the small radii).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RobustEvaluation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dai.djl.offline=true"})
public class RobustEvaluationBenchmark {
    /** Test images evaluated per operation. */
    public static final int IMAGES = 250;

    static final int STEPS = 10;
    static final long SEED = 1;

    @Param({"stacked", "perRadius"})
    public String route;

    @Param({"linf", "l2"})
    public String norm;

    private Classifier model;
    private ImageSet test;
    private int[] clean;
    private PerturbationNorm p;
    private double[] grid;

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkParams params = BenchmarkParams.defaults().withImageSize(16).withContrasts(0.6, 0.3);
        ShiftedBackgrounds bench = new ShiftedBackgrounds(params, 1);
        model = Classifier.create(Architecture.CNN, 3, 16, 16, params.numClasses(), Device.cpu(), 1);
        new AdversarialTraining(TrainConfig.standard(Architecture.CNN, 2, 64, 2e-3, 1))
                .train(model, bench.train(1000), null);
        test = bench.test(Variant.ORIGINAL, IMAGES);
        clean = model.predict(test);
        p = PerturbationNorm.parse(norm, "norm");
        grid = p == PerturbationNorm.LINF ? new double[] {0, 0.0157, 0.0314} : new double[] {0, 0.25, 0.5};
        // Both routes must give the same verdicts at the largest radius, or the timing means nothing.
        boolean[] stacked = ((boolean[][]) stacked())[grid.length - 1];
        boolean[] broken = perRadius();
        for (int i = 0; i < broken.length; i++) {
            if (stacked[i] == broken[i]) {
                throw new IllegalStateException("the two routes disagree on image " + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public Object evaluate() {
        return route.equals("stacked") ? stacked() : perRadius();
    }

    /** Per radius and image, robust or not ({@link RobustAccuracy#curve}). */
    private Object stacked() {
        return RobustAccuracy.curve(
                        model,
                        test,
                        clean,
                        p,
                        grid,
                        e -> RobustAccuracy.attacks(p, e, STEPS, 1, null),
                        IMAGES,
                        SEED,
                        ProgressListener.NONE)
                .robust();
    }

    /** Radius by radius, attack by attack, with the evaluation's streams (seed, k·1024 + a, batch 0). */
    private boolean[] perRadius() {
        int n = test.size();
        int d = model.imageSize();
        boolean[] broken = new boolean[n];
        for (int i = 0; i < n; i++) {
            broken[i] = clean[i] != test.labels()[i];
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(test.pixels(), model.inputShape(n));
            NDArray y = InputGradient.labels(m, test.labels());
            for (int k = 1; k < grid.length; k++) {
                List<Attack> attacks = RobustAccuracy.attacks(p, grid[k], STEPS, 1, null);
                for (int a = 0; a < attacks.size(); a++) {
                    UniformRandomProvider rng =
                            RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(SEED, k * 1024L + a, 0));
                    List<Trajectory> trajectories = attacks.get(a).trajectories(model.numClasses());
                    List<double[]> starts = new ArrayList<>();
                    for (Trajectory t : trajectories) {
                        Pgd pgd = t.pgd();
                        starts.add(pgd.randomStart() ? pgd.drawStarts(n, d, rng) : null);
                    }
                    Trajectory.anyFooled(model, x, y, trajectories, starts, broken);
                }
            }
        }
        return broken;
    }
}
