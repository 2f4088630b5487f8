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
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.TrainConfig;

/**
 * Training throughput: one epoch over {@value #IMAGES} images of the shifted-backgrounds benchmark,
 * standard or PGD adversarial training ({@code steps} attack steps per example). Images per second
 * = {@value #IMAGES} / (seconds per operation). CPU, one intra-op thread (the project's default).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TrainingThroughput}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TrainingThroughputBenchmark {
    /** Images per operation. */
    public static final int IMAGES = 512;

    @Param({"cnn", "resnet"})
    public String model;

    @Param({"16", "24"})
    public int imageSize;

    /** 0 = standard training; otherwise ℓ∞-PGD steps of adversarial training. */
    @Param({"0", "3", "5"})
    public int steps;

    private ImageSet train;
    private Classifier classifier;
    private AdversarialTraining training;

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkParams p = BenchmarkParams.defaults().withImageSize(imageSize);
        train = new ShiftedBackgrounds(p, 1).train(IMAGES);
        Architecture a = Architecture.parse(model);
        classifier = Classifier.create(a, 3, imageSize, imageSize, p.numClasses(), Device.cpu(), 1);
        TrainConfig c = TrainConfig.standard(a, 1, 64, 1e-3, 1);
        training =
                new AdversarialTraining(steps == 0 ? c : c.withAttack(Pgd.of(PerturbationNorm.LINF, 8 / 255.0, steps)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    @Benchmark
    public Object epoch() {
        return training.train(classifier, train, null);
    }
}
