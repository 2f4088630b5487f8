package tradeoffs.deep.eval;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.deep.train.EpochLog;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.deep.train.TrainingLog;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;

/**
 * Trains one model per {@link Regime} on one shifted-backgrounds benchmark and scores each: clean
 * background-reliance metrics (accuracy per variant, BG-gap, RFS, group accuracies;
 * {@link BackgroundReliance}) and robust accuracy over ε grids ({@link RobustAccuracy}). Models are
 * saved as checkpoints under {@code <dir>/models/<benchmark>/<regime>/}; a rerun reuses a checkpoint
 * whose sidecar matches the requested training, so an interrupted sweep resumes.
 *
 * <p>Every table row starts with {@link #LEADING}: benchmark label, its contrasts, the training
 * regime and radius.
 */
public final class DeepSweep {
    /** Leading columns of every table. */
    public static final List<String> LEADING = List.of(ColumnNames.BENCHMARK, ColumnNames.CLASSES,
            ColumnNames.FG_CONTRAST, ColumnNames.BG_CONTRAST, ColumnNames.TRAIN_NORM, ColumnNames.TRAIN_EPS);
    /** The training-replicate column that {@link #withReplicate} adds. */
    public static final String REPLICATE = ColumnNames.REPLICATE;
    /** Columns of the training table, after {@link #LEADING}. */
    public static final List<String> TRAINING_COLUMNS = List.of(ColumnNames.ARCHITECTURE, ColumnNames.EPOCHS,
            ColumnNames.TRAIN_IMAGES, ColumnNames.ATTACK_STEPS, ColumnNames.SECONDS, ColumnNames.IMAGES_PER_SECOND,
            ColumnNames.FINAL_LOSS, ColumnNames.CLEAN_ACCURACY);

    /**
     * What to sweep.
     *
     * @param label the benchmark's name in the tables, e.g. {@code bg<fg}
     * @param benchmark the benchmark's parameters
     * @param seed benchmark, training and attack seed
     * @param trainSize training images
     * @param testSize test images per variant, in the group split, and for robust accuracy
     * @param architecture the model
     * @param epochs training epochs
     * @param batchSize training batch size
     * @param learningRate Adam's step size
     * @param trainSteps PGD steps of adversarial training (step size 2.5ε/steps)
     * @param regimes the training regimes
     * @param evalEps robust-accuracy ε grid per norm (ascending; may be empty)
     * @param evalSteps PGD steps of the evaluation attacks
     * @param evalRestarts restarts of the evaluation attacks
     * @param evalLoss the evaluation attack's loss; null for PGD-CE followed by BETA (both must fail)
     * @param rfsSigmas RFS noise levels
     * @param device where to train
     * @param trainSeed initial weights, data order and training-attack seed (the benchmark, its test
     *     sets and the evaluation attacks keep {@code seed}, so replicates differ only in training)
     */
    public record Spec(String label, BenchmarkParams benchmark, long seed, int trainSize, int testSize,
            Architecture architecture, int epochs, int batchSize, double learningRate, int trainSteps,
            List<Regime> regimes, Map<PerturbationNorm, double[]> evalEps, int evalSteps, int evalRestarts,
            AttackLoss evalLoss, double[] rfsSigmas, Device device, long trainSeed) {
        /** One seed for everything (training seed = {@code seed}). */
        public Spec(String label, BenchmarkParams benchmark, long seed, int trainSize, int testSize,
                Architecture architecture, int epochs, int batchSize, double learningRate, int trainSteps,
                List<Regime> regimes, Map<PerturbationNorm, double[]> evalEps, int evalSteps, int evalRestarts,
                AttackLoss evalLoss, double[] rfsSigmas, Device device) {
            this(label, benchmark, seed, trainSize, testSize, architecture, epochs, batchSize, learningRate, trainSteps,
                    regimes, evalEps, evalSteps, evalRestarts, evalLoss, rfsSigmas, device, seed);
        }

        public Spec {
            if (trainSize < 1 || testSize < 1) {
                throw new IllegalArgumentException("--train-size and --test-size must be >= 1 (got " + trainSize
                        + ", " + testSize + ")");
            }
            if (trainSteps < 1 || evalSteps < 1) {
                throw new IllegalArgumentException("--steps must be >= 1 (got " + trainSteps + ", " + evalSteps + ")");
            }
            regimes = List.copyOf(regimes);
            evalEps = new LinkedHashMap<>(evalEps);
        }

        TrainConfig trainConfig(Regime r) {
            TrainConfig c = TrainConfig.standard(architecture, epochs, batchSize, learningRate, trainSeed);
            return r.adversarial() ? c.withAttack(Pgd.of(r.norm(), r.eps(), trainSteps)) : c;
        }

        /** The attacks that must all fail at radius ε for a point to count as robust. */
        List<Attack> evalAttacks(PerturbationNorm norm, double eps) {
            return RobustAccuracy.attacks(norm, eps, evalSteps, evalRestarts, evalLoss);
        }
    }

    /** The sweep's tables: training runs, background reliance, robust accuracy. */
    public record Tables(ResultTable training, ResultTable reliance, ResultTable robust) {
    }

    private DeepSweep() {
    }

    /** Runs the sweep; {@code log} gets one line per step (training, evaluation). */
    public static Tables run(Spec spec, Path dir, Consumer<String> log) {
        return run(spec, dir, log, ProgressListener.NONE);
    }

    /**
     * As {@link #run(Spec, Path, Consumer)}; {@code batches} also hears the batches of each
     * training and robust evaluation, as tasks named "&lt;label&gt; &lt;regime&gt;: training" and
     * "&lt;label&gt; &lt;regime&gt;: robust accuracy &lt;norm&gt;" (see {@link AdversarialTraining} and
     * {@link RobustAccuracy}).
     */
    public static Tables run(Spec spec, Path dir, Consumer<String> log, ProgressListener batches) {
        ShiftedBackgrounds bench = new ShiftedBackgrounds(spec.benchmark(), spec.seed());
        ImageSet train = null;
        ImageSet robustSet = bench.test(Variant.ORIGINAL, spec.testSize());
        List<String> trainingCols = new ArrayList<>(LEADING);
        trainingCols.addAll(TRAINING_COLUMNS);
        ResultTable.Builder training = ResultTable.builder(trainingCols);
        List<String> relianceCols = new ArrayList<>(LEADING);
        relianceCols.addAll(BackgroundReliance.COLUMNS);
        ResultTable.Builder reliance = ResultTable.builder(relianceCols);
        List<String> robustCols = new ArrayList<>(LEADING);
        robustCols.addAll(RobustAccuracy.COLUMNS);
        ResultTable.Builder robust = ResultTable.builder(robustCols);

        for (Regime regime : spec.regimes()) {
            Path modelDir = dir.resolve("models").resolve(safe(spec.label())).resolve(regime.id()
                    + (spec.trainSeed() == spec.seed() ? "" : "-train" + spec.trainSeed()));
            TrainConfig config = spec.trainConfig(regime);
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("benchmark", spec.label());
            lead.put("classes", spec.benchmark().numClasses());
            lead.put("fg_contrast", spec.benchmark().foregroundContrast());
            lead.put("bg_contrast", spec.benchmark().backgroundContrast());
            lead.put("train_norm", regime.normId());
            lead.put("train_eps", regime.eps());
            Checkpoint expected = new Checkpoint(spec.architecture(), BenchmarkParams.CHANNELS,
                    spec.benchmark().imageSize(), spec.benchmark().imageSize(), spec.benchmark().numClasses(),
                    config, spec.benchmark(), spec.seed(), spec.trainSize());
            Classifier model;
            ResultTable log1;
            Path logFile = modelDir.resolve("train_log.csv");
            if (Files.isRegularFile(modelDir.resolve(Checkpoint.SIDECAR)) && Files.isRegularFile(logFile)
                    && expected.equals(Checkpoint.read(modelDir))) {
                log.accept(spec.label() + " " + regime.id() + ": reusing checkpoint " + modelDir);
                model = Checkpoint.load(modelDir, spec.device());
                log1 = ResultTable.readCsv(logFile);
            } else {
                if (train == null) {
                    train = bench.train(spec.trainSize());
                }
                model = Classifier.create(spec.architecture(), BenchmarkParams.CHANNELS, spec.benchmark().imageSize(),
                        spec.benchmark().imageSize(), spec.benchmark().numClasses(), spec.device(), spec.trainSeed());
                List<EpochLog> logs = new AdversarialTraining(config).train(model, train, l -> log.accept(
                        String.format(java.util.Locale.ROOT, "%s %s: epoch %d loss %.4f acc %.3f (%.0f img/s)",
                                spec.label(), regime.id(), l.epoch(), l.loss(), l.accuracy(), l.imagesPerSecond())),
                        batches.prefixed(spec.label() + " " + regime.id() + ": "));
                expected.save(modelDir, model);
                log1 = TrainingLog.table(logs);
                log1.writeCsv(logFile);
            }
            try (Classifier m = model) {
                Accuracy clean = Accuracy.of(m, robustSet);
                double seconds = 0;
                for (double s : log1.doubles("seconds")) {
                    seconds += s;
                }
                double[] losses = log1.doubles("loss");
                Map<String, Object> row = new LinkedHashMap<>(lead);
                row.put("architecture", spec.architecture().id());
                row.put("epochs", spec.epochs());
                row.put("train_images", spec.trainSize());
                row.put("attack_steps", regime.adversarial() ? spec.trainSteps() : 0);
                row.put("seconds", seconds);
                row.put("images_per_second", spec.trainSize() * (double) spec.epochs() / seconds);
                row.put("final_loss", losses[losses.length - 1]);
                row.put("clean_accuracy", clean.value());
                training.row(row);

                log.accept(spec.label() + " " + regime.id() + ": background reliance");
                BackgroundReliance br = BackgroundReliance.evaluate(m, bench, spec.testSize(), spec.rfsSigmas(),
                        spec.seed());
                for (Map<String, Object> r : br.rows()) {
                    Map<String, Object> full = new LinkedHashMap<>(lead);
                    full.putAll(r);
                    reliance.row(full);
                }
                for (Map.Entry<PerturbationNorm, double[]> e : spec.evalEps().entrySet()) {
                    log.accept(spec.label() + " " + regime.id() + ": robust accuracy " + e.getKey());
                    PerturbationNorm norm = e.getKey();
                    for (RobustAccuracy.Point p : RobustAccuracy.evaluate(m, robustSet, norm, e.getValue(),
                            eps -> spec.evalAttacks(norm, eps), 250, spec.seed(),
                            batches.prefixed(spec.label() + " " + regime.id() + ": "))) {
                        Map<String, Object> full = new LinkedHashMap<>(lead);
                        full.put("norm", p.norm().id());
                        full.put("eps", p.eps());
                        full.put("attacks", p.attacks());
                        full.put("n", p.n());
                        full.put("clean_accuracy", p.cleanAccuracy());
                        full.put("robust_accuracy", p.robustAccuracy());
                        robust.row(full);
                    }
                }
            }
        }
        return new Tables(training.build(), reliance.build(), robust.build());
    }

    /**
     * The training seed of replicate {@code r} of a run with seed {@code runSeed}: the run seed itself
     * for r = 0 (so a one-replicate run trains what it always did), else the r-th output of a
     * SplitMix64 stream seeded with the run seed. Depends on nothing but the two arguments.
     */
    public static long trainSeed(long runSeed, int replicate) {
        if (replicate < 0) {
            throw new IllegalArgumentException("replicate must be >= 0 (got " + replicate + ")");
        }
        if (replicate == 0) {
            return runSeed;
        }
        UniformRandomProvider g = RandomSource.SPLIT_MIX_64.create(runSeed);
        long s = 0;
        for (int i = 0; i < replicate; i++) {
            s = g.nextLong();
        }
        return s;
    }

    /**
     * The table with a {@value #REPLICATE} column holding {@code replicate}, inserted right after the
     * {@link #LEADING} columns.
     */
    public static ResultTable withReplicate(ResultTable t, int replicate) {
        int at = LEADING.size();
        List<String> cols = new ArrayList<>(t.columns());
        cols.add(at, REPLICATE);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            List<String> row = new ArrayList<>(r);
            row.add(at, Integer.toString(replicate));
            rows.add(row);
        }
        return new ResultTable(cols, rows);
    }

    /** Concatenates tables with the same columns (e.g. the sweeps of two benchmarks). */
    public static ResultTable concat(List<ResultTable> tables) {
        List<List<String>> rows = new ArrayList<>();
        for (ResultTable t : tables) {
            if (!t.columns().equals(tables.get(0).columns())) {
                throw new IllegalArgumentException("tables differ in columns: " + t.columns() + " vs "
                        + tables.get(0).columns());
            }
            rows.addAll(t.rows());
        }
        return new ResultTable(tables.get(0).columns(), rows);
    }

    private static String safe(String label) {
        return label.replace('<', 'l').replace('>', 'g').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
