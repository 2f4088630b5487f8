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
import tradeoffs.cli.option.OutputFolder;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ResultFormat;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Foregrounds;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.data.DatasetKind;
import tradeoffs.deep.data.EvaluationData;
import tradeoffs.deep.data.ImageNet9;
import tradeoffs.deep.data.Waterbirds;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.RobustAccuracy;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.model.ClassMapping;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.model.GradientCheck;
import tradeoffs.deep.model.ModuleMode;
import tradeoffs.deep.model.Normalization;
import tradeoffs.deep.model.TorchScriptModel;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * {@code tradeoffs deep eval}: robust accuracy and background reliance of a checkpoint or of a
 * TorchScript model, on the generated benchmark, ImageNet-9 folders or Waterbirds.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a model: robust accuracy over an eps grid per norm (robust.csv; a point is robust only if "
                        + "every attack, restart and iterate fails at every radius up to eps) and background reliance "
                        + "(background.csv: accuracy per variant, BG-gap, RFS, average, worst-group and per-group accuracy, as "
                        + "the data allows). The model is a checkpoint of deep train or a TorchScript file trained elsewhere; "
                        + "the data is the checkpoint's generated benchmark, the backgrounds challenge's ImageNet-9 folders or "
                        + "Waterbirds.",
        footer = {
            "",
            "Examples:",
            "  tradeoffs deep eval --checkpoint runs/linf --out runs/linf/eval",
            "  tradeoffs deep eval --checkpoint runs/linf --norm linf --eps 0:8/255:2/255 --restarts 3 --loss ce+beta --out e",
            "  tradeoffs deep eval --model-file resnet50.pt --dataset imagenet9 --data bg_challenge --input-size 224 \\",
            "      --mean 0.485,0.456,0.406 --std 0.229,0.224,0.225 --class-map imagenet9 --test-size 50 --out e",
            "  tradeoffs deep eval --model-file wb.pt --dataset waterbirds --data waterbird_complete95_forest2water2 --out e",
            "  tradeoffs deep eval --checkpoint runs/mnist --data /data/mnist --out e   # relocate its foreground files"
        })
public final class DeepEvalCommand implements Callable<Integer>, ParameterFlags {

    @Spec
    CommandSpec spec;

    @Mixin
    DeepAttackOptions attack = new DeepAttackOptions();

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Checkpoint folder (from deep train).")
    Path checkpoint;

    @Option(
            names = "--model-file",
            paramLabel = "FILE",
            description = "A TorchScript image classifier (torch.jit.trace or script, then save) taking 3xSxS pixels "
                    + "in [0,1] after --mean/--std; evaluated with every metric and attack.")
    Path modelFile;

    @Option(
            names = "--dataset",
            paramLabel = "KIND",
            defaultValue = "generated",
            description = "generated (the benchmark; a checkpoint's own), imagenet9 (<data>/<variant>/val/<class>/, "
                    + "fg_mask/val for RFS) or waterbirds (<data>/metadata.csv) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The ImageNet-9 or Waterbirds folder; with --dataset generated, where a checkpoint's "
                    + "Fashion-MNIST / MNIST foreground files are now.")
    Path data;

    @Option(
            names = "--input-size",
            paramLabel = "PX",
            description = "Image side the model takes (model files: default 24 on generated data, 224 on real data; "
                    + "checkpoints: their own).")
    Integer inputSize;

    @Option(
            names = "--mean",
            split = ",",
            paramLabel = "M",
            description = "Per-channel mean subtracted inside a "
                    + "model file's wrapper, e.g. 0.485,0.456,0.406 (default 0).")
    double[] mean;

    @Option(
            names = "--std",
            split = ",",
            paramLabel = "S",
            description = "Per-channel std dividing inside the wrapper, " + "e.g. 0.229,0.224,0.225 (default 1).")
    double[] std;

    @Option(
            names = "--class-map",
            paramLabel = "MAP",
            description =
                    "How a model file's outputs map to the data's classes: imagenet9 (the backgrounds challenge's "
                            + "ImageNet-1k -> 9 map), identity, or a file (JSON {\"output\": class} or CSV output,class). "
                            + "Default: identity, or imagenet9 for a 1000-output model on ImageNet-9.")
    String classMap;

    @Option(
            names = "--norm",
            split = ",",
            paramLabel = "NORM",
            defaultValue = "linf,l2",
            description = "Norms of the robust evaluation: l1, l2, linf (default: ${DEFAULT-VALUE}).")
    List<String> norms;

    @Option(
            names = "--eps",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "Radii when a single --norm is given (overrides --eps-<norm>), in that norm's pixel units "
                    + "(see --eps-linf), e.g. 0:8/255:2/255.")
    Grid eps;

    @Option(
            names = "--test-size",
            paramLabel = "N",
            description = "Generated: test images per variant and for robust accuracy (default 1000; the group split "
                    + "holds K^2*max(10, ceil(N/K^2))). ImageNet-9: images per class and variant; Waterbirds: test "
                    + "images (default: all).")
    Integer testSize;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of attacks and noise (default: the checkpoint's, or 1).")
    Long seed;

    @Option(
            names = "--device",
            paramLabel = "auto|cpu|gpu",
            defaultValue = "auto",
            description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Folder for the tables and manifest.json.")
    Path out;

    @Mixin
    ResultFormat format = new ResultFormat();

    @Mixin
    ProgressOption progress = new ProgressOption();

    /** The library's image_size is this command's --input-size (the model's input, not a benchmark knob). */
    @Override
    public Map<String, String> parameterFlags() {
        return Map.of("image_size", "--input-size");
    }

    @Override
    public Integer call() {
        return evaluate();
    }

    private int evaluate() {
        Manifest manifest = CommandManifest.of(spec);
        ResultFormat.Kind fmt = format.kind();
        if ((checkpoint == null) == (modelFile == null)) {
            throw new IllegalArgumentException("give exactly one of --checkpoint and --model-file");
        }
        List<PerturbationNorm> ns = DeepAttackOptions.norms("--norm", norms);
        attack.validate();
        if (testSize != null && testSize < 1) {
            throw new ParameterException("test_size", "must be >= 1", testSize);
        }
        Map<PerturbationNorm, double[]> grids = attack.grids(ns);
        if (eps != null) {
            if (ns.size() != 1) {
                throw new IllegalArgumentException(
                        "--eps needs exactly one --norm (got " + ns.size() + "); use --eps-l1, --eps-l2, --eps-linf");
            }
            grids.put(ns.get(0), eps.atLeast("eps", 0).ascending());
        }
        DatasetKind kind = DatasetKind.parse(dataset);
        if (kind != DatasetKind.GENERATED && data == null) {
            throw new ParameterException("data", "must name the " + kind.id() + " folder", "nothing");
        }
        if (modelFile == null && (mean != null || std != null || classMap != null)) {
            throw new IllegalArgumentException("--mean, --std and --class-map apply to --model-file only");
        }
        if (checkpoint != null && kind == DatasetKind.GENERATED) {
            Checkpoint info = Checkpoint.read(checkpoint);
            if (info.benchmark() != null) {
                info.benchmark().requireFits(0, testSize == null ? 1000 : testSize);
            }
        }
        DeviceChoice choice = DeviceChoice.parse(device);
        FolderLock lock = OutputFolder.lock(spec, "out", out);
        try (lock) {
            return evaluate(manifest, fmt, ns, grids, kind, choice.resolve());
        }
    }

    private int evaluate(
            Manifest manifest,
            ResultFormat.Kind fmt,
            List<PerturbationNorm> ns,
            Map<PerturbationNorm, double[]> grids,
            DatasetKind kind,
            Device dev) {
        Progress.Output shown = progress.output(spec);
        ProgressListener batches = shown.listener("img");
        Map<String, Object> lead = new LinkedHashMap<>();
        Loaded loaded = modelFile != null ? importModel(kind, dev, manifest) : loadCheckpoint(kind, dev, manifest);
        lead.put("model", loaded.model().description());
        lead.put(ColumnNames.TRAIN_NORM, loaded.trainNorm());
        lead.put(ColumnNames.TRAIN_EPS, loaded.trainEps());
        lead.put("dataset", kind.id());
        EvaluationData eval = loaded.data();
        long s = seed != null ? seed : loaded.seed();
        ImageSet robustSet = eval.original();
        AttackLoss loss = attack.attackLoss();
        List<RobustAccuracy.Point> points = new ArrayList<>();
        BackgroundReliance reliance;
        GradientCheck check;
        long t0 = System.nanoTime();
        try (Classifier model = loaded.model()) {
            eval.requireClasses(model.labelClasses());
            check = loaded.gradients() != null ? loaded.gradients() : gradientCheck(model);
            if (check.passed()) {
                for (Map.Entry<PerturbationNorm, double[]> e : grids.entrySet()) {
                    PerturbationNorm norm = e.getKey();
                    shown.line("robust accuracy, " + norm + ", eps " + java.util.Arrays.toString(e.getValue()));
                    points.addAll(RobustAccuracy.evaluate(
                            model,
                            robustSet,
                            norm,
                            e.getValue(),
                            x -> RobustAccuracy.attacks(norm, x, attack.evalSteps, attack.restarts, loss),
                            250,
                            s,
                            batches));
                }
            }
            shown.line("background reliance on " + kind.id());
            reliance = BackgroundReliance.evaluate(model, eval, attack.rfsSigmas(), s);
        }
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> files = new ArrayList<>();
        ResultTable robust = RobustAccuracy.table(points).withLeading(lead);
        if (check.passed()) {
            robust.writeCsv(out.resolve("robust.csv"));
            files.add("robust.csv");
        }
        ResultTable background = reliance.table(lead);
        background.writeCsv(out.resolve("background.csv"));
        files.add("background.csv");
        manifest.seed(s)
                .parameter("dataset", kind.id())
                .parameter("data", data == null ? null : data.toAbsolutePath().toString())
                .parameter("test_size", robustSet.size())
                .parameter("input_size", eval.imageSize())
                .parameter("classes", eval.numClasses())
                .parameter("norms", ns.stream().map(PerturbationNorm::id).toList())
                .parameter("eps", epsByNorm(grids))
                .parameter("eval_steps", attack.evalSteps)
                .parameter("restarts", attack.restarts)
                .parameter("loss", loss == null ? "ce+beta" : loss.id())
                .parameter(
                        "rfs_sigma",
                        java.util.Arrays.stream(attack.rfsSigmas()).boxed().toList())
                .parameter("device", dev.toString())
                .put("module_mode", loaded.mode().mode())
                .put("module_mode_evidence", loaded.mode().evidence())
                .put("gradient_check", check.toString())
                .put("robust_accuracy", check.passed() ? "measured" : "not measured: the gradient check failed")
                .timing("eval_seconds", evalSeconds)
                .put("files", files);
        DeepRuntime.record(manifest).writeTo(out);
        PrintWriter o = spec.commandLine().getOut();
        switch (fmt) {
            case TEXT -> print(o, loaded, eval, reliance, points, check);
            case CSV -> o.print(check.passed() ? robust.toCsv() : background.toCsv());
            case JSON -> {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("command", "deep eval");
                root.put("model", loaded.model().description());
                root.put("dataset", kind.id());
                root.put("out", out.toString());
                root.put("gradient_check", check.toString());
                root.put("clean_accuracy", reliance.variant("original").value());
                if (reliance.gap() != null) {
                    root.put("bg_gap", reliance.gap().value());
                }
                if (reliance.groups() != null) {
                    root.put("worst_group_accuracy", reliance.groups().worst());
                }
                root.put("robust", check.passed() ? ResultFormat.json(robust) : null);
                root.put("background", ResultFormat.json(background));
                o.print(Json.write(root));
            }
        }
        o.flush();
        return 0;
    }

    private static Map<String, List<Double>> epsByNorm(Map<PerturbationNorm, double[]> grids) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        grids.forEach((n, g) -> m.put(n.id(), java.util.Arrays.stream(g).boxed().toList()));
        return m;
    }

    private static void print(
            PrintWriter o,
            Loaded loaded,
            EvaluationData eval,
            BackgroundReliance reliance,
            List<RobustAccuracy.Point> points,
            GradientCheck check) {
        o.printf(
                Locale.ROOT,
                "model %s ran in %s mode (%s); input gradients: %s%n",
                loaded.model().description(),
                loaded.mode().mode(),
                loaded.mode().evidence(),
                check);
        o.printf(
                Locale.ROOT,
                "%s: %d classes, %d original test images; clean accuracy %.3f",
                eval.dataset(),
                eval.numClasses(),
                eval.original().size(),
                reliance.variant("original").value());
        if (reliance.gap() != null) {
            o.printf(Locale.ROOT, "; BG-gap %.3f", reliance.gap().value());
        }
        if (reliance.groups() != null) {
            o.printf(
                    Locale.ROOT,
                    "; average accuracy %.3f, worst-group accuracy %.3f (%s, %d images)",
                    reliance.groups().average(),
                    reliance.groups().worst(),
                    reliance.groups().worstGroup().id(),
                    reliance.groups().worstGroup().n());
        }
        o.println();
        if (!check.passed()) {
            o.println("robust accuracy: not measured (attacks would follow wrong input gradients)");
        }
        for (RobustAccuracy.Point p : points) {
            o.printf(
                    Locale.ROOT,
                    "  %-4s eps %-8s robust accuracy %.3f%n",
                    p.norm(),
                    ResultTable.format(p.eps()),
                    p.robustAccuracy());
        }
    }

    /** A model ready to evaluate and the data it is evaluated on. */
    private record Loaded(
            Classifier model,
            EvaluationData data,
            String trainNorm,
            double trainEps,
            long seed,
            ModuleMode mode,
            GradientCheck gradients) {}

    private Loaded loadCheckpoint(DatasetKind kind, Device dev, Manifest manifest) {
        Checkpoint info = Checkpoint.read(checkpoint);
        if (inputSize != null && inputSize != info.height()) {
            throw new ParameterException(
                    "input_size", "must be the checkpoint's image size " + info.height(), inputSize);
        }
        EvaluationData eval;
        if (kind == DatasetKind.GENERATED) {
            BenchmarkParams params = info.benchmark();
            if (params == null) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " does not name its benchmark");
            }
            if (data != null) {
                if (params.foregrounds() == Foregrounds.PROCEDURAL) {
                    throw new IllegalArgumentException("--data relocates a checkpoint's Fashion-MNIST or MNIST "
                            + "foreground files, and this checkpoint's benchmark has procedural foregrounds");
                }
                params = params.withForegrounds(params.foregrounds(), data);
            }
            eval = EvaluationData.generated(
                    new ShiftedBackgrounds(params, info.benchmarkSeed()), testSize == null ? 1000 : testSize);
        } else {
            eval = realData(kind, info.height());
        }
        manifest.parameter("checkpoint", checkpoint.toAbsolutePath().toString());
        Classifier model = Checkpoint.load(checkpoint, dev);
        return new Loaded(
                model,
                eval,
                info.training().regime(),
                info.training().attacks().isEmpty()
                        ? 0.0
                        : info.training().attacks().get(0).eps(),
                info.training().seed(),
                ModuleMode.EVAL,
                null);
    }

    private Loaded importModel(DatasetKind kind, Device dev, Manifest manifest) {
        int size = inputSize != null ? inputSize : kind == DatasetKind.GENERATED ? BenchmarkParams.DEFAULT_SIZE : 224;
        if (size < 1) {
            throw new ParameterException("input_size", "must be >= 1", size);
        }
        Normalization norm = new Normalization(
                mean == null ? new double[] {0, 0, 0} : mean, std == null ? new double[] {1, 1, 1} : std);
        EvaluationData real = kind == DatasetKind.GENERATED ? null : realData(kind, size);
        TorchScriptModel.Imported imp = TorchScriptModel.load(
                modelFile,
                BenchmarkParams.CHANNELS,
                size,
                real == null ? 0 : real.numClasses(),
                norm,
                classMap == null ? null : ClassMapping.source(classMap),
                dev);
        EvaluationData eval = real;
        long s = 1;
        if (kind == DatasetKind.GENERATED) {
            int k = imp.classifier().labelClasses();
            if (k > BenchmarkParams.MAX_CLASSES) {
                imp.classifier().close();
                throw new ParameterException(
                        "class_map",
                        "must map the model's " + imp.outputs() + " outputs to at most " + BenchmarkParams.MAX_CLASSES
                                + " classes for --dataset generated",
                        k + " classes");
            }
            BenchmarkParams params =
                    BenchmarkParams.defaults().withImageSize(size).withClasses(k);
            eval = EvaluationData.generated(new ShiftedBackgrounds(params, s), testSize == null ? 1000 : testSize);
        }
        manifest.parameter("model_file", modelFile.toAbsolutePath().toString())
                .parameter("outputs", imp.outputs())
                .parameter("class_map", imp.mapping().toString())
                .parameter("normalization", norm.toString());
        return new Loaded(imp.classifier(), eval, "external", Double.NaN, s, imp.mode(), imp.gradients());
    }

    private EvaluationData realData(DatasetKind kind, int size) {
        int limit = testSize == null ? Integer.MAX_VALUE : testSize;
        return kind == DatasetKind.IMAGENET9 ? ImageNet9.load(data, size, limit) : Waterbirds.load(data, size, limit);
    }

    private static GradientCheck gradientCheck(Classifier model) {
        model.parameterGradients(false);
        try {
            return GradientCheck.run(model, 20221202L);
        } finally {
            model.parameterGradients(true);
        }
    }
}
