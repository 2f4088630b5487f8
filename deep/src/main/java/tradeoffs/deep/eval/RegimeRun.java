package tradeoffs.deep.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.device.Autograd;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.metrics.Predictor;
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
 * One regime of a {@link DeepSweep}: train the model (or reuse its checkpoint when the sidecar
 * matches), then score it; returns the regime's table rows. Safe to run beside other regimes of
 * the same sweep on other threads.
 */
final class RegimeRun {
    /**
     * The regime's rows of the three tables, of each extra evaluation's table by its name, its union
     * robust accuracy (null with fewer than two norms at a radius above 0) and its per-epoch robust
     * accuracy (empty without a per-epoch measurement).
     */
    record Rows(
            Map<String, Object> training,
            List<Map<String, Object>> reliance,
            List<Map<String, Object>> robust,
            Map<String, List<Map<String, Object>>> extra,
            Map<String, Object> union,
            List<Map<String, Object>> epochs) {}

    /** The per-epoch robust accuracy beside a checkpoint. */
    static final String EPOCH_FILE = "epoch_robust.csv";

    private final DeepSweep.Spec spec;
    private final Regime regime;
    private final DeepSweep.SweepData data;
    private final Path modelDir;
    private final Consumer<String> log;
    private final ProgressListener batches;
    private final List<ModelEvaluation> evaluations;
    private final EpochRobustness perEpoch;
    private final Map<String, Object> lead = new LinkedHashMap<>();

    RegimeRun(
            DeepSweep.Spec spec,
            Regime regime,
            DeepSweep.SweepData data,
            Path dir,
            Consumer<String> log,
            ProgressListener batches,
            List<ModelEvaluation> evaluations,
            EpochRobustness perEpoch) {
        this.spec = spec;
        this.perEpoch = perEpoch;
        this.evaluations = List.copyOf(evaluations);
        this.batches = batches;
        this.regime = regime;
        this.data = data;
        this.log = log;
        this.modelDir = dir.resolve("models")
                .resolve(safe(spec.label()))
                .resolve(regime.id() + (spec.trainSeed() == spec.seed() ? "" : "-train" + spec.trainSeed()));
        lead.put(ColumnNames.BENCHMARK, spec.label());
        lead.put(ColumnNames.CLASSES, spec.benchmark().numClasses());
        lead.put(ColumnNames.FG_CONTRAST, spec.benchmark().foregroundContrast());
        lead.put(ColumnNames.BG_CONTRAST, spec.benchmark().backgroundContrast());
        lead.put(ColumnNames.TRAIN_METHOD, regime.methodId());
        lead.put(ColumnNames.TRAIN_NORM, regime.normId());
        lead.put(ColumnNames.TRAIN_EPS, regime.eps());
    }

    Rows run() {
        Autograd.inferenceOnly();
        TrainConfig config = spec.trainConfig(regime);
        Checkpoint expected = new Checkpoint(
                spec.architecture(),
                BenchmarkParams.CHANNELS,
                spec.benchmark().imageSize(),
                spec.benchmark().imageSize(),
                spec.benchmark().numClasses(),
                config,
                spec.benchmark(),
                spec.seed(),
                spec.trainSize());
        Path logFile = modelDir.resolve("train_log.csv");
        Path epochFile = modelDir.resolve(EPOCH_FILE);
        int epochImages = perEpoch == null
                ? 0
                : Math.min(perEpoch.images(), data.robustSet().size());
        Classifier model;
        ResultTable trainLog;
        List<EpochRobustness.Point> epochPoints = new ArrayList<>();
        List<EpochRobustness.Point> saved = perEpoch == null || !Files.isRegularFile(epochFile)
                ? null
                : perEpoch.read(ResultTable.readCsv(epochFile), epochImages);
        if (Files.isRegularFile(modelDir.resolve(Checkpoint.SIDECAR))
                && Files.isRegularFile(logFile)
                && (perEpoch == null || saved != null)
                && expected.equals(Checkpoint.read(modelDir))) {
            if (saved != null) {
                epochPoints.addAll(saved);
            }
            log.accept(spec.label() + " " + regime.id() + ": reusing checkpoint " + modelDir);
            model = DeepRuntime.withGenerator(() -> Checkpoint.load(modelDir, spec.device()));
            trainLog = ResultTable.readCsv(logFile);
            long images = (long) spec.epochs() * spec.trainSize();
            batches.progress(AdversarialTraining.TASK, images, images);
        } else {
            ImageSet train = data.train();
            model = DeepRuntime.withGenerator(() -> Classifier.create(
                    spec.architecture(),
                    BenchmarkParams.CHANNELS,
                    spec.benchmark().imageSize(),
                    spec.benchmark().imageSize(),
                    spec.benchmark().numClasses(),
                    spec.device(),
                    spec.trainSeed()));
            List<EpochLog> logs = new AdversarialTraining(config)
                    .train(
                            model,
                            train,
                            l -> log.accept(String.format(
                                    Locale.ROOT,
                                    "%s %s: epoch %d loss %.4f acc %.3f (%.0f img/s)",
                                    spec.label(),
                                    regime.id(),
                                    l.epoch(),
                                    l.loss(),
                                    l.accuracy(),
                                    l.imagesPerSecond())),
                            perEpoch == null
                                    ? List.of()
                                    : List.of(perEpoch.hook(data.robustSet(), spec.seed(), epochPoints)),
                            batches);
            expected.save(modelDir, model);
            trainLog = TrainingLog.table(logs);
            trainLog.writeCsv(logFile);
            if (perEpoch != null) {
                perEpoch.table(epochPoints, epochImages).writeCsv(epochFile);
            }
        }
        try (Classifier m = model) {
            Rows rows = score(m, trainLog);
            List<Map<String, Object>> epochs = new ArrayList<>();
            if (perEpoch != null) {
                for (EpochRobustness.Point p : epochPoints) {
                    Map<String, Object> full = new LinkedHashMap<>(lead);
                    full.put(ColumnNames.EPOCH, p.epoch());
                    full.put(ColumnNames.NORM, perEpoch.norm().id());
                    full.put(ColumnNames.EPS, perEpoch.eps());
                    full.put(ColumnNames.N, epochImages);
                    full.put(ColumnNames.CLEAN_ACCURACY, p.cleanAccuracy());
                    full.put(ColumnNames.ROBUST_ACCURACY, p.robustAccuracy());
                    epochs.add(full);
                }
            }
            return new Rows(rows.training(), rows.reliance(), rows.robust(), rows.extra(), rows.union(), epochs);
        }
    }

    private Rows score(Classifier m, ResultTable trainLog) {
        ImageSet robustSet = data.robustSet();
        // One clean pass over the original test images serves clean accuracy, the reliance metrics'
        // accuracy on that variant and every norm's robust accuracy.
        int[] clean = Accuracy.predict(m, robustSet);
        Predictor predictor = images -> images == robustSet ? clean.clone() : m.predict(images);
        double seconds = 0;
        for (double s : trainLog.doubles(TrainingLog.SECONDS)) {
            seconds += s;
        }
        double[] losses = trainLog.doubles(TrainingLog.LOSS);
        Map<String, Object> training = new LinkedHashMap<>(lead);
        training.put(ColumnNames.ARCHITECTURE, spec.architecture().id());
        training.put(ColumnNames.EPOCHS, spec.epochs());
        training.put(ColumnNames.TRAIN_IMAGES, spec.trainSize());
        training.put(ColumnNames.ATTACK_STEPS, regime.adversarial() ? spec.trainSteps() : 0);
        training.put(ColumnNames.SECONDS, seconds);
        training.put(ColumnNames.IMAGES_PER_SECOND, spec.trainSize() * (double) spec.epochs() / seconds);
        training.put(ColumnNames.FINAL_LOSS, losses[losses.length - 1]);
        training.put(
                ColumnNames.CLEAN_ACCURACY,
                Accuracy.of(robustSet.name(), clean, robustSet.labels()).value());

        log.accept(spec.label() + " " + regime.id() + ": background reliance");
        List<Map<String, Object>> reliance = new ArrayList<>();
        for (Map<String, Object> r : BackgroundReliance.evaluate(
                        predictor, data.evaluation, spec.rfsSigmas(), spec.seed())
                .rows()) {
            Map<String, Object> full = new LinkedHashMap<>(lead);
            full.putAll(r);
            reliance.add(full);
        }
        List<Map<String, Object>> robust = new ArrayList<>();
        List<boolean[]> largest = new ArrayList<>();
        StringJoiner unionEps = new StringJoiner(" ");
        for (Map.Entry<PerturbationNorm, double[]> e : spec.evalEps().entrySet()) {
            log.accept(spec.label() + " " + regime.id() + ": robust accuracy " + e.getKey());
            PerturbationNorm norm = e.getKey();
            double[] grid = e.getValue();
            RobustAccuracy.Curve curve = RobustAccuracy.curve(
                    m, robustSet, clean, norm, grid, eps -> spec.evalAttacks(norm, eps), 250, spec.seed(), batches);
            if (grid.length > 0 && grid[grid.length - 1] > 0) {
                largest.add(curve.robust()[grid.length - 1]);
                unionEps.add(norm.id() + ":" + grid[grid.length - 1]);
            }
            for (RobustAccuracy.Point p : curve.points()) {
                Map<String, Object> full = new LinkedHashMap<>(lead);
                full.put(ColumnNames.NORM, p.norm().id());
                full.put(ColumnNames.EPS, p.eps());
                full.put(ColumnNames.ATTACKS, p.attacks());
                full.put(ColumnNames.N, p.n());
                full.put(ColumnNames.CLEAN_ACCURACY, p.cleanAccuracy());
                full.put(ColumnNames.ROBUST_ACCURACY, p.robustAccuracy());
                robust.add(full);
            }
        }
        Map<String, List<Map<String, Object>>> extra = new LinkedHashMap<>();
        for (ModelEvaluation e : evaluations) {
            log.accept(spec.label() + " " + regime.id() + ": " + e.table());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> r : e.evaluate(m, data.bench, spec)) {
                Map<String, Object> full = new LinkedHashMap<>(lead);
                full.putAll(r);
                rows.add(full);
            }
            extra.put(e.table(), rows);
        }
        Map<String, Object> union = null;
        if (largest.size() >= 2) {
            union = new LinkedHashMap<>(lead);
            union.put(ColumnNames.EPS_BY_NORM, unionEps.toString());
            union.put(ColumnNames.N, robustSet.size());
            union.put(ColumnNames.CLEAN_ACCURACY, training.get(ColumnNames.CLEAN_ACCURACY));
            union.put(ColumnNames.UNION_ROBUST_ACCURACY, RobustAccuracy.union(largest));
        }
        return new Rows(training, reliance, robust, extra, union, List.of());
    }

    private static String safe(String label) {
        return label.replace('<', 'l').replace('>', 'g').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
