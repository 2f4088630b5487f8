package tradeoffs.sweep.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Foregrounds;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.DeepSweep;
import tradeoffs.deep.eval.Regime;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.BenchmarkLabels;
import tradeoffs.sweep.PointRunner;
import tradeoffs.sweep.SweepPoint;

/**
 * The {@code deep} sweep kind (docs/sweep.md, "Deep points"): each point trains one model on the
 * shifted-backgrounds benchmark and scores it, through {@link DeepSweep#run} with a single
 * {@link Regime}: PGD adversarial training in the point's norm at the point's ε (ε = 0 is standard
 * training), then clean accuracy, robust accuracy ({@code RobustAccuracy}) in the point's norm at
 * {@code deep.eval_eps} (default the training ε), BG-gap, RFS at {@code deep.rfs_sigma}, and
 * average / worst-group accuracy ({@code BackgroundReliance}). One row per point. Every knob may
 * be a list in the config (a grid axis, {@link #sweepableKeys}); the sweep hands {@link #run} the
 * section with the point's single value.
 *
 * <p>Seeds: one seed per point, {@code Seeds.of(sweep seed, }{@value #SEED_STREAM}{@code , point
 * index)}, decides the benchmark's images, the initial weights, the data order and every attack
 * start, so a point gives the same bytes alone, in a shard or on any number of sweep threads.
 *
 * <p>Threads: DJL allows one open gradient collector per process and {@code Classifier.create}
 * seeds PyTorch's global generator, so two models must never train at once in one JVM. Points of
 * this kind therefore run one at a time ({@link #LOCK}); with {@code --threads N} the other
 * threads run the sweep's theory / simulate points meanwhile. Each model uses one PyTorch thread
 * ({@code DeepRuntime}); the spare threads the sweep offers are not used.
 *
 * <p>Checkpoints go to a temporary folder that is deleted after the point: the point's CSV row is
 * its result, and a rerun skips finished points without retraining.
 */
public final class DeepPointRunner implements PointRunner {
    /** The stream of {@link Seeds#of} that derives a point's seed from the sweep seed. */
    static final long SEED_STREAM = 0xDEE9L;

    /** Serialises training and evaluation across the sweep's worker threads (see the class comment). */
    private static final ReentrantLock LOCK = new ReentrantLock();

    /** The knobs, in column order. */
    static final List<String> KNOBS = List.of(
            "classes",
            "image_size",
            "rho",
            "fg_contrast",
            "bg_contrast",
            "train_size",
            "test_size",
            "arch",
            "epochs",
            "batch_size",
            "lr",
            "steps",
            "eval_steps",
            "restarts",
            "loss",
            "rfs_sigma");
    /** Section keys: the knobs plus eval_eps and device (not columns). */
    static final List<String> KEYS;

    static {
        List<String> k = new ArrayList<>(KNOBS);
        k.add("eval_eps");
        k.add("device");
        KEYS = List.copyOf(k);
    }

    /** What a point measures, after the knobs. */
    static final List<String> RESULTS = List.of(
            "train_norm",
            "train_eps",
            "seed",
            "final_loss",
            "clean_accuracy",
            "robust_eps",
            "robust_accuracy",
            "bg_gap",
            "rfs",
            "avg_group_accuracy",
            "worst_group_accuracy");

    @Override
    public String kind() {
        return "deep";
    }

    @Override
    public List<String> columns() {
        List<String> c = new ArrayList<>(KNOBS);
        c.addAll(RESULTS);
        return c;
    }

    /**
     * Every knob may be a list (a grid axis of deep points, e.g. {@code rho: [0.5, 0.9]}); its
     * value is the knob's column. eval_eps and device are not columns, so not sweepable.
     */
    @Override
    public List<String> sweepableKeys() {
        return KNOBS;
    }

    @Override
    public void validate(JsonNode section) {
        Settings.of(section);
    }

    /** The point's image sets against the int range and the heap ({@link BenchmarkParams#requireFits}). */
    @Override
    public double check(SweepPoint point, JsonNode section) {
        Settings s = Settings.of(section);
        s.benchmark.requireFits(s.trainSize, s.testSize);
        return 0;
    }

    @Override
    public List<List<Object>> run(SweepPoint point, JsonNode section, long seed) {
        Settings s = Settings.of(section);
        PerturbationNorm norm =
                PerturbationNorm.parse(point.parameters().get("norm").toString(), "'norms' (deep kind)");
        Regime regime = new Regime(norm, point.eps());
        double evalEps = s.evalEps == null ? point.eps() : s.evalEps;
        long pointSeed = Seeds.of(seed, SEED_STREAM, point.index());
        DeepSweep.Tables t;
        LOCK.lock();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tradeoffs-deep-" + point.id() + "-");
            DeepSweep.Spec spec = new DeepSweep.Spec(
                    BenchmarkLabels.byContrast(s.benchmark.foregroundContrast(), s.benchmark.backgroundContrast()),
                    s.benchmark,
                    pointSeed,
                    s.trainSize,
                    s.testSize,
                    s.arch,
                    s.epochs,
                    s.batchSize,
                    s.lr,
                    s.steps,
                    List.of(regime),
                    Map.of(norm, new double[] {evalEps}),
                    s.evalSteps,
                    s.restarts,
                    s.loss,
                    new double[] {s.rfsSigma},
                    DeviceChoice.parse(s.device).resolve());
            t = DeepSweep.run(spec, dir, line -> {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for " + point.id(), e);
        } finally {
            LOCK.unlock();
            deleteTree(dir);
        }
        ResultTable robust = t.robust();
        ResultTable rel = t.reliance();
        List<Object> row = new ArrayList<>(List.of(
                s.benchmark.numClasses(),
                s.benchmark.imageSize(),
                s.benchmark.rho(),
                s.benchmark.foregroundContrast(),
                s.benchmark.backgroundContrast(),
                s.trainSize,
                s.testSize,
                s.arch.id(),
                s.epochs,
                s.batchSize,
                s.lr,
                s.steps,
                s.evalSteps,
                s.restarts,
                s.loss == null ? AttackLoss.CE_BETA : s.loss.id(),
                s.rfsSigma));
        row.add(regime.normId());
        row.add(regime.eps());
        row.add(Long.toUnsignedString(pointSeed));
        row.add(t.training().getDouble(0, "final_loss"));
        row.add(t.training().getDouble(0, "clean_accuracy"));
        row.add(evalEps);
        row.add(robust.getDouble(robust.size() - 1, "robust_accuracy"));
        row.add(metric(rel, "bg_gap"));
        row.add(metric(rel, "rfs"));
        row.add(metric(rel, "avg_group_accuracy"));
        row.add(metric(rel, "worst_group_accuracy"));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row);
        return rows;
    }

    /** The value of the one row of {@code metric} in a {@code BackgroundReliance} table. */
    private static double metric(ResultTable reliance, String metric) {
        ResultTable r = reliance.where("metric", metric);
        if (r.size() != 1) {
            throw new IllegalStateException("expected one '" + metric + "' row, got " + r.size());
        }
        return r.getDouble(0, "value");
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is harmless; the point's result is already computed
        }
    }

    /** The parsed {@code deep} section; every bad key or value is an IllegalArgumentException naming {@code deep.key}. */
    static final class Settings {
        BenchmarkParams benchmark;
        int trainSize;
        int testSize;
        Architecture arch;
        int epochs;
        int batchSize;
        double lr;
        int steps;
        int evalSteps;
        int restarts;
        AttackLoss loss;
        double rfsSigma;
        Double evalEps;
        String device;

        static Settings of(JsonNode section) {
            SectionReader r = new SectionReader("deep", section);
            r.onlyKeys(KEYS);
            Settings s = new Settings();
            int classes = r.integer("classes", BenchmarkParams.DEFAULT_CLASSES, 2);
            int size = r.integer("image_size", BenchmarkParams.DEFAULT_SIZE, 8);
            double rho = r.number("rho", BenchmarkParams.DEFAULT_RHO);
            double fg = r.number("fg_contrast", BenchmarkParams.DEFAULT_FG_CONTRAST);
            double bg = r.number("bg_contrast", BenchmarkParams.DEFAULT_BG_CONTRAST);
            try {
                s.benchmark = new BenchmarkParams(classes, size, rho, fg, bg, Foregrounds.PROCEDURAL, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'deep': " + e.getMessage());
            }
            s.trainSize = r.integer("train_size", 5000, 1);
            s.testSize = r.integer("test_size", 1000, 1);
            String arch = r.text("arch", "cnn");
            try {
                s.arch = Architecture.parse(arch);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'deep.arch' must be one of " + ids(Architecture.values()) + " (got '" + arch + "')");
            }
            s.epochs = r.integer("epochs", 8, 1);
            s.batchSize = r.integer("batch_size", 64, 1);
            s.lr = r.number("lr", 0.002);
            if (!(s.lr > 0) || Double.isInfinite(s.lr)) {
                throw new IllegalArgumentException("'deep.lr' must be > 0 (got " + s.lr + ")");
            }
            s.steps = r.integer("steps", 5, 1);
            s.evalSteps = r.integer("eval_steps", 10, 1);
            s.restarts = r.integer("restarts", 1, 1);
            s.loss = AttackLoss.parseEvaluation(r.text("loss", "ce"), "'deep.loss'");
            s.rfsSigma = r.number("rfs_sigma", 0.25);
            if (!(s.rfsSigma > 0) || Double.isInfinite(s.rfsSigma)) {
                throw new IllegalArgumentException("'deep.rfs_sigma' must be > 0 (got " + s.rfsSigma + ")");
            }
            if (r.has("eval_eps")) {
                s.evalEps = r.number("eval_eps", 0);
                if (!(s.evalEps >= 0) || Double.isInfinite(s.evalEps)) {
                    throw new IllegalArgumentException("'deep.eval_eps' must be >= 0 (got " + s.evalEps + ")");
                }
            }
            s.device = r.text("device", "auto");
            try {
                DeviceChoice.parse(s.device);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'deep.device' must be one of auto, cpu, gpu (got '" + s.device + "')");
            }
            return s;
        }

        private static String ids(Architecture[] values) {
            List<String> out = new ArrayList<>();
            for (Architecture a : values) {
                out.add(a.id());
            }
            return String.join(", ", out);
        }
    }
}
