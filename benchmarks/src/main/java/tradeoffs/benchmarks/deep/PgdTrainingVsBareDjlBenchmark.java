package tradeoffs.benchmarks.deep;

import ai.djl.Device;
import java.util.concurrent.TimeUnit;
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
import tradeoffs.benchmarks.anchors.BareDjlPgdTraining;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.device.NativeHeap;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.TrainConfig;

/**
 * ℓ∞ PGD adversarial training, the project's loop ({@code impl = tradeoffs}: {@link AdversarialTraining}
 * with {@link Pgd}) beside a bare DJL loop of the same net and attack ({@code impl = bare}:
 * {@link BareDjlPgdTraining}): one epoch over {@value #IMAGES} images of the shifted-backgrounds
 * benchmark, batch 64, Adam, ε = 8/255, {@code steps} attack steps of 2.5ε/steps from a random start,
 * CPU with one PyTorch thread for both; the bare loop's JVM loads PyTorch as a DJL user would, without
 * the project's C-heap settings ({@link NativeHeap}) unless {@code bareHeap = tuned}. Throughput ratio = bare time / project time for the same
 * image size and steps (above 1: the project is faster).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PgdTrainingVsBareDjl}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1"
        })
public class PgdTrainingVsBareDjlBenchmark {
    /** Images per operation (one epoch). */
    public static final int IMAGES = 512;
    /** Training radius ε. */
    public static final double EPS = 8 / 255.0;

    @Param({"tradeoffs", "bare"})
    public String impl;

    @Param({"16", "24", "32"})
    public int imageSize;

    @Param({"3"})
    public int steps;

    /**
     * The bare loop's C heap: {@code default} (glibc's settings, as a DJL user's process has them) or
     * {@code tuned} (the project's {@link tradeoffs.deep.device.NativeHeap} settings, to compare the
     * two loops alone); the project's loop always has its own.
     */
    @Param({"default"})
    public String bareHeap;

    private ImageSet train;
    private Classifier classifier;
    private AdversarialTraining training;
    private BareDjlPgdTraining bare;

    @Setup(Level.Trial)
    public void setUp() {
        if (impl.equals("bare") && bareHeap.equals("tuned")) {
            NativeHeap.keep();
        }
        PgdTrainingRun.loadEngine(impl.equals("bare"));
        BenchmarkParams p = BenchmarkParams.defaults().withImageSize(imageSize);
        train = new ShiftedBackgrounds(p, 1).train(IMAGES);
        if (impl.equals("bare")) {
            bare = new BareDjlPgdTraining(
                    train.pixels(), train.labels(), imageSize, p.numClasses(), EPS, steps, 64, 2e-3);
        } else {
            classifier = Classifier.create(Architecture.CNN, 3, imageSize, imageSize, p.numClasses(), Device.cpu(), 1);
            training = new AdversarialTraining(TrainConfig.standard(Architecture.CNN, 1, 64, 2e-3, 1)
                    .withAttack(Pgd.of(PerturbationNorm.LINF, EPS, steps)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (bare != null) {
            bare.close();
        }
        if (classifier != null) {
            classifier.close();
        }
    }

    @Benchmark
    public Object epoch() throws Exception {
        return bare != null ? bare.epoch() : training.train(classifier, train, null);
    }
}
