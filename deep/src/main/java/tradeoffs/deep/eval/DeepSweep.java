package tradeoffs.deep.eval;

import ai.djl.Device;
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
import tradeoffs.deep.data.EvaluationData;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.TableJson;
import tradeoffs.io.schema.BenchmarkLabels;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.parallel.IndexedTasks;

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
    public static final List<String> LEADING = List.of(
            ColumnNames.BENCHMARK,
            ColumnNames.CLASSES,
            ColumnNames.FG_CONTRAST,
            ColumnNames.BG_CONTRAST,
            ColumnNames.TRAIN_METHOD,
            ColumnNames.TRAIN_NORM,
            ColumnNames.TRAIN_EPS);
    /** The training-replicate column that {@link #withReplicate} adds. */
    public static final String REPLICATE = ColumnNames.REPLICATE;
    /** Columns of the training table, after {@link #LEADING}. */
    public static final List<String> TRAINING_COLUMNS = List.of(
            ColumnNames.ARCHITECTURE,
            ColumnNames.EPOCHS,
            ColumnNames.TRAIN_IMAGES,
            ColumnNames.ATTACK_STEPS,
            ColumnNames.SECONDS,
            ColumnNames.IMAGES_PER_SECOND,
            ColumnNames.FINAL_LOSS,
            ColumnNames.CLEAN_ACCURACY);

    /**
     * What to sweep.
     *
     * @param label the benchmark's name in the tables, e.g. {@code bg<fg}; null for the name its
     *     contrasts give ({@link BenchmarkLabels#byContrast})
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
    public record Spec(
            String label,
            BenchmarkParams benchmark,
            long seed,
            int trainSize,
            int testSize,
            Architecture architecture,
            int epochs,
            int batchSize,
            double learningRate,
            int trainSteps,
            List<Regime> regimes,
            Map<PerturbationNorm, double[]> evalEps,
            int evalSteps,
            int evalRestarts,
            AttackLoss evalLoss,
            double[] rfsSigmas,
            Device device,
            long trainSeed) {
        /** One seed for everything (training seed = {@code seed}). */
        public Spec(
                String label,
                BenchmarkParams benchmark,
                long seed,
                int trainSize,
                int testSize,
                Architecture architecture,
                int epochs,
                int batchSize,
                double learningRate,
                int trainSteps,
                List<Regime> regimes,
                Map<PerturbationNorm, double[]> evalEps,
                int evalSteps,
                int evalRestarts,
                AttackLoss evalLoss,
                double[] rfsSigmas,
                Device device) {
            this(
                    label,
                    benchmark,
                    seed,
                    trainSize,
                    testSize,
                    architecture,
                    epochs,
                    batchSize,
                    learningRate,
                    trainSteps,
                    regimes,
                    evalEps,
                    evalSteps,
                    evalRestarts,
                    evalLoss,
                    rfsSigmas,
                    device,
                    seed);
        }

        public Spec {
            ParameterException.requireAtLeast("train_size", trainSize, 1);
            ParameterException.requireAtLeast("test_size", testSize, 1);
            ParameterException.requireAtLeast("train_steps", trainSteps, 1);
            ParameterException.requireAtLeast("eval_steps", evalSteps, 1);
            ParameterException.requireAtLeast("eval_restarts", evalRestarts, 1);
            BackgroundReliance.requireSigmas(rfsSigmas);
            if (label == null) {
                label = BenchmarkLabels.byContrast(benchmark.foregroundContrast(), benchmark.backgroundContrast());
            }
            benchmark.requireFits(trainSize, testSize);
            regimes = List.copyOf(regimes);
            evalEps = new LinkedHashMap<>(evalEps);
        }

        /** The training configuration of regime {@code r}. */
        TrainConfig trainConfig(Regime r) {
            TrainConfig c = TrainConfig.standard(architecture, epochs, batchSize, learningRate, trainSeed);
            if (!r.adversarial()) {
                return c;
            }
            List<Pgd> attacks = new ArrayList<>();
            for (Regime.Ball b : r.balls()) {
                attacks.add(Pgd.of(b.norm(), b.eps(), trainSteps));
            }
            return c.withMethod(r.method(), attacks, TrainConfig.DEFAULT_TRADES_BETA);
        }

        /** The attacks that must all fail at radius ε for a point to count as robust. */
        List<Attack> evalAttacks(PerturbationNorm norm, double eps) {
            return RobustAccuracy.attacks(norm, eps, evalSteps, evalRestarts, evalLoss);
        }
    }

    /** Columns of the union robust accuracy table, after {@link #LEADING}. */
    public static final List<String> UNION_COLUMNS = List.of(
            ColumnNames.EPS_BY_NORM, ColumnNames.N, ColumnNames.CLEAN_ACCURACY, ColumnNames.UNION_ROBUST_ACCURACY);

    /**
     * The sweep's tables: training runs, background reliance, robust accuracy, the extra
     * evaluations' tables by name, union robust accuracy (a row per regime when at least two norms
     * have a radius above 0, at the largest radius of each; {@link RobustAccuracy#union}) and the
     * per-epoch robust accuracy ({@link EpochRobustness}; no rows without it).
     */
    public record Tables(
            ResultTable training,
            ResultTable reliance,
            ResultTable robust,
            Map<String, ResultTable> extra,
            ResultTable union,
            ResultTable epochs) {
        public Tables {
            extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        /**
         * The sweep as one JSON document ({@code deep sweep --format json}): the folder and the
         * training, reliance and robust-accuracy tables ({@link TableJson#of}).
         */
        public Map<String, Object> document(Path out) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", "deep sweep");
            root.put("out", out.toString());
            root.put("training", TableJson.of(training));
            root.put("reliance", TableJson.of(reliance));
            root.put("robust", TableJson.of(robust));
            return root;
        }

        /** Without extra evaluations. */
        public Tables(ResultTable training, ResultTable reliance, ResultTable robust) {
            this(training, reliance, robust, Map.of(), null, null);
        }
    }

    private DeepSweep() {}

    /**
     * Runs the sweep with {@link #defaultWorkers} models at a time; {@code log} gets one line per
     * step (training, evaluation).
     */
    public static Tables run(Spec spec, Path dir, Consumer<String> log) {
        return run(spec, dir, log, ProgressListener.NONE, defaultWorkers(spec));
    }

    /**
     * As {@link #run(Spec, Path, Consumer)}; {@code batches} also hears how many images of the
     * sweep's training and robust evaluation are done, as one task named "&lt;label&gt;: training and
     * attacks" whose total is fixed from the start (epochs·train images per regime plus, per norm,
     * attacks·test images at every radius ε &gt; 0; a reused checkpoint counts its training as done).
     */
    public static Tables run(Spec spec, Path dir, Consumer<String> log, ProgressListener batches) {
        return run(spec, dir, log, batches, defaultWorkers(spec));
    }

    /** The files {@link #runInto} writes besides {@code manifest.json}. */
    public static final List<String> FILES = List.of("deep_training.csv", "deep_reliance.csv", "deep_robust.csv");

    /**
     * Runs the sweep as {@link #run(Spec, Path, Consumer, ProgressListener)} and writes its tables
     * ({@link #FILES}) and {@code manifest} (with the benchmark's and the sweep's parameters and the
     * timing) into {@code dir}.
     */
    public static Tables runInto(
            Spec spec, Path dir, Manifest manifest, Consumer<String> log, ProgressListener batches) {
        long t0 = System.nanoTime();
        Tables tables = run(spec, dir, log, batches);
        double seconds = (System.nanoTime() - t0) / 1e9;
        tables.training().writeCsv(dir.resolve(FILES.get(0)));
        tables.reliance().writeCsv(dir.resolve(FILES.get(1)));
        tables.robust().writeCsv(dir.resolve(FILES.get(2)));
        spec.benchmark().record(manifest, spec.seed());
        manifest.parameter("label", spec.label())
                .parameter("model", spec.architecture().id())
                .parameter("epochs", spec.epochs())
                .parameter("batch_size", spec.batchSize())
                .parameter("lr", spec.learningRate())
                .parameter("train_size", spec.trainSize())
                .parameter("test_size", spec.testSize())
                .parameter("regimes", spec.regimes().stream().map(Regime::id).toList())
                .parameter("train_steps", spec.trainSteps())
                .parameter("eval_steps", spec.evalSteps())
                .parameter("restarts", spec.evalRestarts())
                .parameter("device", spec.device().toString())
                .timing("sweep_seconds", seconds)
                .put("files", FILES);
        DeepRuntime.record(manifest).writeTo(dir);
        return tables;
    }

    /** As {@link #run(Spec, Path, Consumer, ProgressListener, int)} with no progress listener. */
    public static Tables run(Spec spec, Path dir, Consumer<String> log, int workers) {
        return run(spec, dir, log, ProgressListener.NONE, workers);
    }

    /**
     * Runs the sweep, training and evaluating up to {@code workers} regimes at the same time (each
     * on its own thread, one PyTorch thread each). The tables are the same bytes for any number of
     * workers: each model depends only on its seeds, and rows are written in regime order.
     * {@code log} and {@code batches} may be called from several threads (one call at a time).
     */
    public static Tables run(Spec spec, Path dir, Consumer<String> log, ProgressListener batches, int workers) {
        return run(spec, dir, log, batches, workers, List.of());
    }

    /**
     * Runs the sweep and, for every model after its reliance and robust accuracy, each of
     * {@code evaluations} (their tables in {@link Tables#extra}, rows led by {@link #LEADING}).
     */
    public static Tables run(Spec spec, Path dir, Consumer<String> log, List<ModelEvaluation> evaluations) {
        return run(spec, dir, log, ProgressListener.NONE, defaultWorkers(spec), evaluations);
    }

    /** As {@link #run(Spec, Path, Consumer, ProgressListener, int)}, with extra evaluations of every model. */
    public static Tables run(
            Spec spec,
            Path dir,
            Consumer<String> log,
            ProgressListener batches,
            int workers,
            List<ModelEvaluation> evaluations) {
        return run(spec, dir, log, batches, workers, evaluations, null);
    }

    /**
     * As {@link #run(Spec, Path, Consumer, ProgressListener, int, List)}; with {@code perEpoch} not
     * null, every model's robust accuracy is also measured after every training epoch
     * ({@link Tables#epochs}; kept beside the checkpoint, which is reused only with it).
     */
    public static Tables run(
            Spec spec,
            Path dir,
            Consumer<String> log,
            ProgressListener batches,
            int workers,
            List<ModelEvaluation> evaluations,
            EpochRobustness perEpoch) {
        ParameterException.requireAtLeast("workers", workers, 1);
        SweepData data = new SweepData(spec);
        Consumer<String> oneAtATime = line -> {
            synchronized (data) {
                log.accept(line);
            }
        };
        SweepProgress progress = new SweepProgress(spec, data.robustSet().size(), batches);
        // The long regimes start first (adversarial before standard; among the adversarial ones the
        // most attack passes per image first, so BETA-AT does not start last); rows go back to regime order.
        List<Regime> regimes = spec.regimes();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < regimes.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingInt((Integer i) ->
                -passes(regimes.get(i), spec.trainSteps(), spec.benchmark().numClasses())));
        List<RegimeRun.Rows> started = IndexedTasks.map(
                order.size(),
                workers,
                k -> new RegimeRun(
                                spec,
                                regimes.get(order.get(k)),
                                data,
                                dir,
                                oneAtATime,
                                progress.regime(regimes.get(order.get(k))),
                                evaluations,
                                perEpoch)
                        .run());
        RegimeRun.Rows[] rows = new RegimeRun.Rows[regimes.size()];
        for (int k = 0; k < order.size(); k++) {
            rows[order.get(k)] = started.get(k);
        }
        List<String> trainingCols = new ArrayList<>(LEADING);
        trainingCols.addAll(TRAINING_COLUMNS);
        ResultTable.Builder training = ResultTable.builder(trainingCols);
        List<String> relianceCols = new ArrayList<>(LEADING);
        relianceCols.addAll(BackgroundReliance.COLUMNS);
        ResultTable.Builder reliance = ResultTable.builder(relianceCols);
        List<String> robustCols = new ArrayList<>(LEADING);
        robustCols.addAll(RobustAccuracy.COLUMNS);
        ResultTable.Builder robust = ResultTable.builder(robustCols);
        List<String> unionCols = new ArrayList<>(LEADING);
        unionCols.addAll(UNION_COLUMNS);
        ResultTable.Builder union = ResultTable.builder(unionCols);
        List<String> epochCols = new ArrayList<>(LEADING);
        epochCols.addAll(EpochRobustness.COLUMNS);
        ResultTable.Builder epochs = ResultTable.builder(epochCols);
        Map<String, ResultTable.Builder> extra = new LinkedHashMap<>();
        for (ModelEvaluation e : evaluations) {
            List<String> cols = new ArrayList<>(LEADING);
            cols.addAll(e.columns());
            extra.put(e.table(), ResultTable.builder(cols));
        }
        for (RegimeRun.Rows r : rows) {
            training.row(r.training());
            r.reliance().forEach(reliance::row);
            r.robust().forEach(robust::row);
            r.extra().forEach((name, list) -> list.forEach(extra.get(name)::row));
            if (r.union() != null) {
                union.row(r.union());
            }
            r.epochs().forEach(epochs::row);
        }
        Map<String, ResultTable> built = new LinkedHashMap<>();
        extra.forEach((name, b) -> built.put(name, b.build()));
        return new Tables(training.build(), reliance.build(), robust.build(), built, union.build(), epochs.build());
    }

    /**
     * Attack passes per training image and step of regime {@code r} (a scheduling estimate): 0 for
     * standard training, the steps for PGD and TRADES, steps per ball for MAX/AVG, steps per wrong
     * class for BETA-AT.
     */
    static int passes(Regime r, int steps, int numClasses) {
        return switch (r.method()) {
            case STANDARD -> 0;
            case PGD, TRADES -> steps;
            case MAX, AVG -> steps * r.balls().size();
            case BETA -> steps * (numClasses - 1);
        };
    }

    /**
     * Models trained at once by default: one per CPU core the JVM sees (each runs one PyTorch
     * thread), overridden by the system property {@code tradeoffs.deep.workers}; one on a GPU.
     */
    public static int defaultWorkers(Spec spec) {
        if (!spec.device().getDeviceType().equals(Device.Type.CPU)) {
            return 1;
        }
        return Math.max(
                1,
                Integer.getInteger(
                        "tradeoffs.deep.workers", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * What every regime of a sweep reads: the benchmark's evaluation sets (every test variant, the
     * original one also for robust accuracy and RFS, the group split), generated once; the training
     * set on first use.
     */
    static final class SweepData {
        final ShiftedBackgrounds bench;
        final EvaluationData evaluation;
        private final int trainSize;
        private ImageSet train;

        SweepData(Spec spec) {
            bench = new ShiftedBackgrounds(spec.benchmark(), spec.seed());
            evaluation = EvaluationData.generated(bench, spec.testSize());
            trainSize = spec.trainSize();
        }

        ImageSet robustSet() {
            return evaluation.original();
        }

        synchronized ImageSet train() {
            if (train == null) {
                train = bench.train(trainSize);
            }
            return train;
        }
    }

    /**
     * The training seed of replicate {@code r} of a run with seed {@code runSeed}: the run seed itself
     * for r = 0 (so a one-replicate run trains what it always did), else the r-th output of a
     * SplitMix64 stream seeded with the run seed. Depends on nothing but the two arguments.
     */
    public static long trainSeed(long runSeed, int replicate) {
        ParameterException.requireAtLeast("replicate", replicate, 0);
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
}
