package tradeoffs.deep.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.TableJson;
import tradeoffs.theory.ParameterException;

/**
 * Trains one classifier on the shifted-backgrounds benchmark and saves it as a checkpoint:
 * {@code model.params}, {@code model.json}, {@code train_log.csv} and {@code manifest.json}, written
 * as one folder ({@link AtomicFolder}: a kill leaves the old folder or the new one).
 */
public final class TrainingRun {
    /** The training log's file name in the checkpoint folder. */
    public static final String LOG = "train_log.csv";

    private TrainingRun() {}

    /**
     * What to train.
     *
     * @param benchmark the benchmark's knobs
     * @param seed the benchmark's, the initial weights', the data order's and the attacks' seed
     * @param trainSize training images (≥ 1)
     * @param testSize test images of the clean accuracy (≥ 1)
     * @param config the model, optimiser and training method
     * @param steps the PGD steps asked for (recorded in the manifest)
     */
    public record Request(
            BenchmarkParams benchmark, long seed, int trainSize, int testSize, TrainConfig config, int steps) {
        /** @throws ParameterException ({@code train_size}, {@code test_size}) for counts below 1 or beyond the heap */
        public Request {
            ParameterException.requireAtLeast("train_size", trainSize, 1);
            ParameterException.requireAtLeast("test_size", testSize, 1);
            benchmark.requireFits(trainSize, testSize);
        }
    }

    /**
     * What a run produced.
     *
     * @param request what was trained
     * @param cleanAccuracy accuracy on the original test variant
     * @param log one row per epoch ({@link TrainingLog})
     * @param seconds training time, summed over epochs
     */
    public record Result(Request request, double cleanAccuracy, ResultTable log, double seconds) {
        /**
         * The result as one JSON document ({@code deep train --format json}): the checkpoint folder,
         * model, regime, method, training radii, clean accuracy and the training log ({@link
         * TableJson#of}).
         */
        public Map<String, Object> document(Path out) {
            TrainConfig config = request.config();
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", "deep train");
            root.put("checkpoint", out.toString());
            root.put("model", config.architecture().id());
            root.put("regime", config.regime());
            root.put("method", config.method().id());
            root.put("eps", eps(config));
            root.put("clean_test_accuracy", cleanAccuracy);
            root.put("test_images", request.testSize());
            root.put("train_log", TableJson.of(log));
            return root;
        }

        /** One line: the regime, the model, where it went, the clean accuracy and the training speed. */
        public String summary(Path out) {
            TrainConfig c = request.config();
            return String.format(
                    Locale.ROOT,
                    "%s model (%s) saved to %s; clean test accuracy %.3f (%d images), %.0f training images/s",
                    c.regime(),
                    c.architecture(),
                    out,
                    cleanAccuracy,
                    request.testSize(),
                    request.trainSize() * (double) c.epochs() / seconds);
        }
    }

    /**
     * Trains on {@code device}, then writes the checkpoint, its log and {@code manifest} (with the
     * benchmark's and the training's parameters, the timing and the clean accuracy) into {@code out},
     * replacing what it held when {@code overwrite}. {@code epochs} hears one line per epoch,
     * {@code batches} the trained images.
     */
    public static Result run(
            Request r,
            Device device,
            Path out,
            boolean overwrite,
            Manifest manifest,
            Consumer<String> epochs,
            ProgressListener batches) {
        TrainConfig config = r.config();
        BenchmarkParams params = r.benchmark();
        ShiftedBackgrounds bench = new ShiftedBackgrounds(params, r.seed());
        ImageSet train = bench.train(r.trainSize());
        try (Classifier model = Classifier.create(
                config.architecture(),
                BenchmarkParams.CHANNELS,
                params.imageSize(),
                params.imageSize(),
                params.numClasses(),
                device,
                r.seed())) {
            List<EpochLog> logs = new AdversarialTraining(config)
                    .train(
                            model,
                            train,
                            l -> epochs.accept(String.format(
                                    Locale.ROOT,
                                    "epoch %d/%d: loss %.4f, train accuracy %.3f, %.1f s, %.0f images/s",
                                    l.epoch(),
                                    config.epochs(),
                                    l.loss(),
                                    l.accuracy(),
                                    l.seconds(),
                                    l.imagesPerSecond())),
                            batches);
            double cleanAccuracy = Accuracy.of(model, bench.test(Variant.ORIGINAL, r.testSize()))
                    .value();
            ResultTable log = TrainingLog.table(logs);
            double seconds = logs.stream().mapToDouble(EpochLog::seconds).sum();
            params.record(manifest, r.seed());
            manifest.parameter("model", config.architecture().id())
                    .parameter("regime", config.regime())
                    .parameter("method", config.method().id())
                    .parameter("eps", eps(config))
                    .parameter("steps", r.steps())
                    .parameter("epochs", config.epochs())
                    .parameter("batch_size", config.batchSize())
                    .parameter("lr", config.learningRate())
                    .parameter("train_size", r.trainSize())
                    .parameter("device", device.toString())
                    .timing("training_seconds", seconds)
                    .put("clean_test_accuracy", cleanAccuracy)
                    .put("files", List.of(Checkpoint.PARAMS, Checkpoint.SIDECAR, LOG));
            Checkpoint checkpoint = Checkpoint.of(model, config, params, r.seed(), r.trainSize());
            AtomicFolder.write(out, overwrite, tmp -> {
                checkpoint.writeFiles(tmp, model);
                log.writeCsv(tmp.resolve(LOG));
                DeepRuntime.record(manifest).writeTo(tmp);
            });
            return new Result(r, cleanAccuracy, log, seconds);
        }
    }

    /** The training radii, one per attack (empty for standard training). */
    public static List<Double> eps(TrainConfig config) {
        return config.attacks().stream().map(Pgd::eps).toList();
    }
}
