package tradeoffs.deep.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import tradeoffs.io.ResultTable;

/**
 * One regime of a {@link DeepSweep}: train the model (or reuse its checkpoint when the sidecar
 * matches), then score it; returns the regime's table rows. Safe to run beside other regimes of
 * the same sweep on other threads.
 */
final class RegimeRun {
    /** The regime's rows of the three tables. */
    record Rows(Map<String, Object> training, List<Map<String, Object>> reliance, List<Map<String, Object>> robust) {
    }

    private final DeepSweep.Spec spec;
    private final Regime regime;
    private final DeepSweep.SweepData data;
    private final Path modelDir;
    private final Consumer<String> log;
    private final Map<String, Object> lead = new LinkedHashMap<>();

    RegimeRun(DeepSweep.Spec spec, Regime regime, DeepSweep.SweepData data, Path dir, Consumer<String> log) {
        this.spec = spec;
        this.regime = regime;
        this.data = data;
        this.log = log;
        this.modelDir = dir.resolve("models").resolve(safe(spec.label())).resolve(regime.id()
                + (spec.trainSeed() == spec.seed() ? "" : "-train" + spec.trainSeed()));
        lead.put("benchmark", spec.label());
        lead.put("classes", spec.benchmark().numClasses());
        lead.put("fg_contrast", spec.benchmark().foregroundContrast());
        lead.put("bg_contrast", spec.benchmark().backgroundContrast());
        lead.put("train_norm", regime.normId());
        lead.put("train_eps", regime.eps());
    }

    Rows run() {
        Autograd.inferenceOnly();
        TrainConfig config = spec.trainConfig(regime);
        Checkpoint expected = new Checkpoint(spec.architecture(), BenchmarkParams.CHANNELS,
                spec.benchmark().imageSize(), spec.benchmark().imageSize(), spec.benchmark().numClasses(),
                config, spec.benchmark(), spec.seed(), spec.trainSize());
        Path logFile = modelDir.resolve("train_log.csv");
        Classifier model;
        ResultTable trainLog;
        if (Files.isRegularFile(modelDir.resolve(Checkpoint.SIDECAR)) && Files.isRegularFile(logFile)
                && expected.equals(Checkpoint.read(modelDir))) {
            log.accept(spec.label() + " " + regime.id() + ": reusing checkpoint " + modelDir);
            model = DeepRuntime.withGenerator(() -> Checkpoint.load(modelDir, spec.device()));
            trainLog = ResultTable.readCsv(logFile);
        } else {
            ImageSet train = data.train();
            model = DeepRuntime.withGenerator(() -> Classifier.create(spec.architecture(), BenchmarkParams.CHANNELS,
                    spec.benchmark().imageSize(), spec.benchmark().imageSize(), spec.benchmark().numClasses(),
                    spec.device(), spec.trainSeed()));
            List<EpochLog> logs = new AdversarialTraining(config).train(model, train, l -> log.accept(
                    String.format(Locale.ROOT, "%s %s: epoch %d loss %.4f acc %.3f (%.0f img/s)",
                            spec.label(), regime.id(), l.epoch(), l.loss(), l.accuracy(), l.imagesPerSecond())));
            expected.save(modelDir, model);
            trainLog = TrainingLog.table(logs);
            trainLog.writeCsv(logFile);
        }
        try (Classifier m = model) {
            return score(m, trainLog);
        }
    }

    private Rows score(Classifier m, ResultTable trainLog) {
        ImageSet robustSet = data.robustSet();
        // One clean pass over the original test images serves clean accuracy, the reliance metrics'
        // accuracy on that variant and every norm's robust accuracy.
        int[] clean = Accuracy.predict(m, robustSet);
        Predictor predictor = images -> images == robustSet ? clean.clone() : m.predict(images);
        double seconds = 0;
        for (double s : trainLog.doubles("seconds")) {
            seconds += s;
        }
        double[] losses = trainLog.doubles("loss");
        Map<String, Object> training = new LinkedHashMap<>(lead);
        training.put("architecture", spec.architecture().id());
        training.put("epochs", spec.epochs());
        training.put("train_images", spec.trainSize());
        training.put("attack_steps", regime.adversarial() ? spec.trainSteps() : 0);
        training.put("seconds", seconds);
        training.put("images_per_second", spec.trainSize() * (double) spec.epochs() / seconds);
        training.put("final_loss", losses[losses.length - 1]);
        training.put("clean_accuracy", Accuracy.of(robustSet.name(), clean, robustSet.labels()).value());

        log.accept(spec.label() + " " + regime.id() + ": background reliance");
        List<Map<String, Object>> reliance = new ArrayList<>();
        for (Map<String, Object> r : BackgroundReliance.evaluate(predictor, data.variants, data.groups,
                spec.rfsSigmas(), spec.seed()).rows()) {
            Map<String, Object> full = new LinkedHashMap<>(lead);
            full.putAll(r);
            reliance.add(full);
        }
        List<Map<String, Object>> robust = new ArrayList<>();
        for (Map.Entry<PerturbationNorm, double[]> e : spec.evalEps().entrySet()) {
            log.accept(spec.label() + " " + regime.id() + ": robust accuracy " + e.getKey());
            PerturbationNorm norm = e.getKey();
            for (RobustAccuracy.Point p : RobustAccuracy.evaluate(m, robustSet, clean, norm, e.getValue(),
                    eps -> spec.evalAttacks(norm, eps), 250, spec.seed())) {
                Map<String, Object> full = new LinkedHashMap<>(lead);
                full.put("norm", p.norm().id());
                full.put("eps", p.eps());
                full.put("attacks", p.attacks());
                full.put("n", p.n());
                full.put("clean_accuracy", p.cleanAccuracy());
                full.put("robust_accuracy", p.robustAccuracy());
                robust.add(full);
            }
        }
        return new Rows(training, reliance, robust);
    }

    private static String safe(String label) {
        return label.replace('<', 'l').replace('>', 'g').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
