package tradeoffs.cli.deep;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.NumberConverter;
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ResultFormat;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.deep.train.EpochLog;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.deep.train.TrainingLog;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.OutputPath;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;

/** {@code tradeoffs deep train}: one model, standard or PGD adversarial training, saved as a checkpoint. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a classifier on the shifted-backgrounds benchmark (standard, or PGD adversarial training "
                + "in l1, l2 or l-inf; several norms give multi-perturbation training). Writes model.params, "
                + "model.json, train_log.csv and manifest.json into --out.",
        footer = {
            "",
            "Examples:",
            "  tradeoffs deep train --out runs/std",
            "  tradeoffs deep train --norm linf --eps 8/255 --steps 7 --out runs/linf",
            "  tradeoffs deep train --norm l1,linf --eps 8,0.03 --multi max --out runs/multi",
            "  tradeoffs deep train --method trades --norm linf --eps 8/255 --out runs/trades"
        })
public final class DeepTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchmarkOptions benchmark = new BenchmarkOptions();

    @Mixin
    DeepTrainingOptions training = new DeepTrainingOptions();

    @Option(
            names = "--norm",
            split = ",",
            paramLabel = "NORM",
            defaultValue = "none",
            description = "Attack norm of adversarial training: none (standard training), l1, l2, linf; a comma list "
                    + "for multi-perturbation training (default: ${DEFAULT-VALUE}).")
    List<String> norms;

    @Option(
            names = "--eps",
            paramLabel = "EPS",
            converter = GridConverter.class,
            description = "Training radius, one per --norm (comma-separated), each >= 0, in pixel units of images "
                    + "in [0, 1]: l-inf bounds each pixel's change (8/255 = 0.0314), l2 and l1 the norm of the change "
                    + "of the whole 3xPXxPX image. Fractions such as 8/255 are accepted.")
    Grid eps;

    @Option(
            names = "--step-size",
            paramLabel = "A",
            converter = NumberConverter.class,
            description = "PGD step size in the norm's pixel units, e.g. 2/255 (default: 2.5*eps/steps).")
    Double stepSize;

    @Option(
            names = "--multi",
            paramLabel = "max|avg",
            defaultValue = "max",
            description =
                    "With several norms: train on each example's worst attack (max) or on all (avg) (default: ${DEFAULT-VALUE}).")
    String multi;

    @Option(
            names = "--method",
            paramLabel = "METHOD",
            description = "Training method: standard, pgd (one norm), max or avg (several norms, Tramer & Boneh 2019), "
                    + "beta (BETA-AT, one norm, Robey et al. 2024), trades (one norm, Zhang et al. 2019) "
                    + "(default: what --norm implies: none standard, one pgd, several --multi).")
    String method;

    @Option(
            names = "--trades-beta",
            paramLabel = "B",
            converter = NumberConverter.class,
            description = "TRADES' weight of the KL term, >= 0 (default: 6; only with --method trades).")
    Double tradesBeta;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description =
                    "Checkpoint folder: new or empty (written as a whole: a temporary folder beside it, then renamed).")
    Path out;

    @Option(
            names = "--overwrite",
            description = "Replace an existing non-empty --out (everything in it, e.g. an eval/ "
                    + "folder, goes; the old checkpoint stays whole until the new one is complete).")
    boolean overwrite;

    @Mixin
    ResultFormat format = new ResultFormat();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        ResultFormat.Kind fmt = format.kind();
        BenchmarkParams params = benchmark.toParams();
        training.validate();
        TrainConfig config = config();
        params.requireFits(benchmark.trainSize(), benchmark.testSize());
        OutputPath.requireReplaceableFolder("out", out);
        requireEmptyOrOverwrite();
        try (FolderLock lock = FolderLock.exclusive("out", out)) {
            if (lock.note() != null) {
                spec.commandLine().getErr().println(lock.note());
            }
            AtomicFolder.recover(out);
            requireEmptyOrOverwrite(); // again under the lock: another run may have filled it meanwhile
            return train(manifest, fmt, params, config);
        }
    }

    /** An existing non-empty --out needs --overwrite. */
    private void requireEmptyOrOverwrite() {
        if (!overwrite && !OutputPath.isEmptyFolder(AtomicFolder.current(out))) {
            throw new ParameterException(
                    "out", "must be a new or empty folder; give --overwrite to replace what it holds", out);
        }
    }

    private int train(Manifest manifest, ResultFormat.Kind fmt, BenchmarkParams params, TrainConfig config) {
        Device device = training.resolveDevice();
        Progress.Output shown = progress.output(spec);
        ShiftedBackgrounds bench = new ShiftedBackgrounds(params, training.seed);
        ImageSet train = bench.train(benchmark.trainSize());
        List<EpochLog> logs;
        double cleanAccuracy;
        ResultTable log;
        double seconds;
        try (Classifier model = Classifier.create(
                config.architecture(),
                BenchmarkParams.CHANNELS,
                params.imageSize(),
                params.imageSize(),
                params.numClasses(),
                device,
                training.seed)) {
            logs = new AdversarialTraining(config)
                    .train(
                            model,
                            train,
                            l -> shown.line(String.format(
                                    Locale.ROOT,
                                    "epoch %d/%d: loss %.4f, train accuracy %.3f, %.1f s, %.0f images/s",
                                    l.epoch(),
                                    config.epochs(),
                                    l.loss(),
                                    l.accuracy(),
                                    l.seconds(),
                                    l.imagesPerSecond())),
                            shown.listener("img"));
            cleanAccuracy = Accuracy.of(model, bench.test(Variant.ORIGINAL, benchmark.testSize()))
                    .value();
            log = TrainingLog.table(logs);
            seconds = logs.stream().mapToDouble(EpochLog::seconds).sum();
            BenchmarkOptions.describe(manifest, params, training.seed);
            manifest.parameter("model", config.architecture().id())
                    .parameter("regime", config.regime())
                    .parameter("method", config.method().id())
                    .parameter("eps", epsValues())
                    .parameter("steps", training.steps)
                    .parameter("epochs", config.epochs())
                    .parameter("batch_size", config.batchSize())
                    .parameter("lr", config.learningRate())
                    .parameter("train_size", benchmark.trainSize())
                    .parameter("device", device.toString())
                    .timing("training_seconds", seconds)
                    .put("clean_test_accuracy", cleanAccuracy)
                    .put("files", List.of(Checkpoint.PARAMS, Checkpoint.SIDECAR, "train_log.csv"));
            // the checkpoint, its log and manifest as one set: a kill leaves the old folder or the new one
            Checkpoint checkpoint = Checkpoint.of(model, config, params, training.seed, benchmark.trainSize());
            AtomicFolder.write(out, overwrite, tmp -> {
                checkpoint.writeFiles(tmp, model);
                log.writeCsv(tmp.resolve("train_log.csv"));
                DeepRuntime.record(manifest).writeTo(tmp);
            });
        }
        String summary = String.format(
                Locale.ROOT,
                "%s model (%s) saved to %s; clean test accuracy %.3f " + "(%d images), %.0f training images/s",
                config.regime(),
                config.architecture(),
                out,
                cleanAccuracy,
                benchmark.testSize(),
                benchmark.trainSize() * (double) config.epochs() / seconds);
        PrintWriter o = spec.commandLine().getOut();
        switch (fmt) {
            case TEXT -> o.println(summary);
            case CSV -> o.print(log.toCsv());
            case JSON -> {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("command", "deep train");
                root.put("checkpoint", out.toString());
                root.put("model", config.architecture().id());
                root.put("regime", config.regime());
                root.put("eps", epsValues());
                root.put("clean_test_accuracy", cleanAccuracy);
                root.put("test_images", benchmark.testSize());
                root.put("train_log", ResultFormat.json(log));
                o.print(Json.write(root));
            }
        }
        o.flush();
        if (fmt != ResultFormat.Kind.TEXT) {
            shown.line(summary);
        }
        return 0;
    }

    private List<Double> epsValues() {
        List<Double> v = new ArrayList<>();
        if (eps != null) {
            for (double e : eps.values()) {
                v.add(e);
            }
        }
        return v;
    }

    TrainConfig config() {
        TrainConfig base = TrainConfig.standard(
                training.architecture(), training.epochs, training.batchSize, training.lr, training.seed);
        List<Double> eps = epsValues();
        TrainConfig.MultiMode mode = TrainConfig.MultiMode.parse(multi);
        if (norms.isEmpty() || norms.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(
                    "norm",
                    "must be none, or l1, l2, linf (a comma list for multi-perturbation training)",
                    "'" + String.join(",", norms) + "'");
        }
        boolean multiGiven = spec != null
                && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--multi");
        if (norms.size() == 1
                && (norms.get(0).equalsIgnoreCase("none") || norms.get(0).equalsIgnoreCase("standard"))) {
            if (!eps.isEmpty()) {
                throw new IllegalArgumentException("--eps needs --norm l1|l2|linf (standard training has no radius)");
            }
            if (stepSize != null) {
                throw new IllegalArgumentException(
                        "--step-size needs --norm l1|l2|linf (standard training has no attack)");
            }
            if (multiGiven) {
                throw new IllegalArgumentException("--multi needs several --norm values (it combines their attacks)");
            }
            return base.withMethod(method, null, tradesBeta, List.of());
        }
        List<PerturbationNorm> ns = DeepAttackOptions.norms("--norm", norms);
        if (multiGiven && ns.size() < 2) {
            throw new IllegalArgumentException(
                    "--multi needs several --norm values (it combines their attacks; got " + ns.size() + ")");
        }
        if (eps.size() != ns.size()) {
            throw new IllegalArgumentException(
                    "--eps needs one value per --norm (got " + eps.size() + " for " + ns.size() + " norms)");
        }
        List<Pgd> attacks = new ArrayList<>();
        for (int i = 0; i < ns.size(); i++) {
            double e = eps.get(i);
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("--eps must be >= 0 (got " + e + ")");
            }
            Pgd p = Pgd.of(ns.get(i), e, training.steps);
            attacks.add(stepSize == null ? p : p.withStepSize(stepSize));
        }
        return base.withMethod(method, multiGiven ? mode.name() : null, tradesBeta, attacks);
    }
}
