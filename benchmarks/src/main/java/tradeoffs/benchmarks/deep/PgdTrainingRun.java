package tradeoffs.benchmarks.deep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import tradeoffs.benchmarks.anchors.BareDjlPgdTraining;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.TrainConfig;

/**
 * The two loops of {@link PgdTrainingVsBareDjlBenchmark} as one process each, for timing whole runs
 * one after the other: {@code java -cp benchmarks/target/benchmarks.jar
 * tradeoffs.benchmarks.deep.PgdTrainingRun tradeoffs|bare IMAGE_SIZE STEPS IMAGES EPOCHS}. Prints
 * the images per second of the epochs after the first (the first warms the JIT and the native
 * library up), per second of wall time and per second of the process's CPU time (all its threads,
 * native ones included: with one PyTorch thread this is the work done, which other processes on a
 * loaded machine disturb far less than the wall time). The bare loop's process loads PyTorch as a
 * DJL user would ({@link #loadEngine}); {@code pgd_training.sh} can give it the
 * project's C-heap settings through the environment ({@code BARE_HEAP=tuned}).
 */
public final class PgdTrainingRun {
    private PgdTrainingRun() {}

    /**
     * Loads PyTorch for one side of a comparison: for the bare loop ({@code bare}) as a DJL user
     * would, {@code Engine.getEngine("PyTorch")} with the system properties of the command line;
     * for the project's loop through {@link DeepRuntime#engine()}, which also applies the project's
     * C-heap settings ({@link tradeoffs.deep.device.NativeHeap}). Call before anything else loads it.
     */
    static Engine loadEngine(boolean bare) {
        return bare ? Engine.getEngine("PyTorch") : DeepRuntime.engine();
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        int size = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int images = Integer.parseInt(args[3]);
        int epochs = Integer.parseInt(args[4]);
        PgdTrainingRun.loadEngine(impl.equals("bare"));
        BenchmarkParams p = BenchmarkParams.defaults().withImageSize(size);
        ImageSet train = new ShiftedBackgrounds(p, 1).train(images);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double seconds = 0;
        double cpuSeconds = 0;
        if (impl.equals("bare")) {
            try (BareDjlPgdTraining bare = new BareDjlPgdTraining(
                    train.pixels(),
                    train.labels(),
                    size,
                    p.numClasses(),
                    PgdTrainingVsBareDjlBenchmark.EPS,
                    steps,
                    64,
                    2e-3)) {
                for (int e = 0; e < epochs; e++) {
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    bare.epoch();
                    seconds += e == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
                    cpuSeconds += e == 0 ? 0 : (os.getProcessCpuTime() - c0) / 1e9;
                }
            }
        } else {
            try (Classifier c = Classifier.create(Architecture.CNN, 3, size, size, p.numClasses(), Device.cpu(), 1)) {
                AdversarialTraining t = new AdversarialTraining(TrainConfig.standard(Architecture.CNN, 1, 64, 2e-3, 1)
                        .withAttack(Pgd.of(PerturbationNorm.LINF, PgdTrainingVsBareDjlBenchmark.EPS, steps)));
                for (int e = 0; e < epochs; e++) {
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    t.train(c, train, null);
                    seconds += e == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
                    cpuSeconds += e == 0 ? 0 : (os.getProcessCpuTime() - c0) / 1e9;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s %dpx %d steps: %.1f images/s, %.1f images/cpu-s%n",
                impl,
                size,
                steps,
                images * (epochs - 1) / seconds,
                images * (epochs - 1) / cpuSeconds);
    }
}
