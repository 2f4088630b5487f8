package tradeoffs.deep.eval;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Foregrounds;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.data.DatasetKind;
import tradeoffs.deep.data.EvaluationData;
import tradeoffs.deep.data.ImageNet9;
import tradeoffs.deep.data.Waterbirds;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.model.ClassMapping;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.model.GradientCheck;
import tradeoffs.deep.model.ModuleMode;
import tradeoffs.deep.model.Normalization;
import tradeoffs.deep.model.TorchScriptModel;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.TableJson;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Evaluates one model as {@link EvaluationRequest} asks: robust accuracy over each norm's ε grid
 * ({@link RobustAccuracy}; only when the model's input gradients pass {@link GradientCheck}, since
 * the attacks follow them) and background reliance ({@link BackgroundReliance}: accuracy per
 * variant, BG-gap, RFS, average, worst-group and per-group accuracy, as the data allows). Writes
 * {@code robust.csv}, {@code background.csv} and {@code manifest.json} into a folder.
 */
public final class Evaluation {
    /** Images per attacked batch. */
    static final int BATCH = 250;
    /** Seed of the gradient check of a checkpoint's model. */
    static final long GRADIENT_CHECK_SEED = 20221202L;

    private Evaluation() {}

    /**
     * What an evaluation found.
     *
     * @param model the model's description
     * @param dataset {@code generated}, {@code imagenet9} or {@code waterbirds}
     * @param classes K, the data's number of classes
     * @param testImages original test images (robust accuracy is measured on them)
     * @param mode the module mode the model ran in, and why
     * @param check the finite-difference check of the model's input gradients
     * @param reliance the background-reliance metrics
     * @param points robust accuracy per norm and radius (empty when the gradient check failed)
     * @param robust the robust-accuracy table, or null when the gradient check failed
     * @param background the background-reliance table
     * @param seed the seed of attacks and noise used
     */
    public record Result(
            String model,
            String dataset,
            int classes,
            int testImages,
            ModuleMode mode,
            GradientCheck check,
            BackgroundReliance reliance,
            List<RobustAccuracy.Point> points,
            ResultTable robust,
            ResultTable background,
            long seed) {
        public Result {
            points = List.copyOf(points);
        }

        /**
         * The result as one JSON document ({@code deep eval --format json}): the model, data set and
         * folder, the gradient check, clean accuracy, BG-gap and worst-group accuracy where the data
         * allows, and both tables ({@link TableJson#of}; robust accuracy null when not measured).
         */
        public Map<String, Object> document(Path out) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", "deep eval");
            root.put("model", model);
            root.put("dataset", dataset);
            root.put("out", out.toString());
            root.put("gradient_check", check.toString());
            root.put("clean_accuracy", reliance.variant("original").value());
            if (reliance.gap() != null) {
                root.put("bg_gap", reliance.gap().value());
            }
            if (reliance.groups() != null) {
                root.put("worst_group_accuracy", reliance.groups().worst());
            }
            root.put("robust", check.passed() ? TableJson.of(robust) : null);
            root.put("background", TableJson.of(background));
            return root;
        }

        /** The result in a few lines of text, as {@code deep eval} prints it. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT,
                    "model %s ran in %s mode (%s); input gradients: %s%n",
                    model,
                    mode.mode(),
                    mode.evidence(),
                    check));
            b.append(String.format(
                    Locale.ROOT,
                    "%s: %d classes, %d original test images; clean accuracy %.3f",
                    dataset,
                    classes,
                    testImages,
                    reliance.variant("original").value()));
            if (reliance.gap() != null) {
                b.append(String.format(
                        Locale.ROOT, "; BG-gap %.3f", reliance.gap().value()));
            }
            if (reliance.groups() != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "; average accuracy %.3f, worst-group accuracy %.3f (%s, %d images)",
                        reliance.groups().average(),
                        reliance.groups().worst(),
                        reliance.groups().worstGroup().id(),
                        reliance.groups().worstGroup().n()));
            }
            b.append(System.lineSeparator());
            if (!check.passed()) {
                b.append("robust accuracy: not measured (attacks would follow wrong input gradients)")
                        .append(System.lineSeparator());
            }
            for (RobustAccuracy.Point p : points) {
                b.append(String.format(
                        Locale.ROOT,
                        "  %-4s eps %-8s robust accuracy %.3f%n",
                        p.norm(),
                        ResultTable.format(p.eps()),
                        p.robustAccuracy()));
            }
            return b.toString();
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

    /**
     * The checks that need the checkpoint's sidecar, made before any work: the checkpoint is
     * readable and its benchmark fits the heap at the requested test size.
     *
     * @throws ParameterException naming the parameter ({@code checkpoint}, {@code test_size}, …)
     */
    public static void check(EvaluationRequest r) {
        if (r.checkpoint() != null && r.dataset() == DatasetKind.GENERATED) {
            Checkpoint info = Checkpoint.read(r.checkpoint());
            if (info.benchmark() != null) {
                info.benchmark().requireFits(0, r.generatedTestSize());
            }
        }
    }

    /**
     * Evaluates and writes the tables and {@code manifest} (with the request's parameters, the
     * module mode, the gradient check and the timing) into {@code out}; {@code lines} hears one line
     * per step, {@code batches} the attacked images.
     */
    public static Result run(
            EvaluationRequest r,
            Device device,
            Path out,
            Manifest manifest,
            Consumer<String> lines,
            ProgressListener batches) {
        check(r);
        Loaded loaded = r.modelFile() != null ? importModel(r, device, manifest) : loadCheckpoint(r, device, manifest);
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("model", loaded.model().description());
        lead.put(ColumnNames.TRAIN_NORM, loaded.trainNorm());
        lead.put(ColumnNames.TRAIN_EPS, loaded.trainEps());
        lead.put("dataset", r.dataset().id());
        EvaluationData eval = loaded.data();
        long s = r.seed() != null ? r.seed() : loaded.seed();
        List<RobustAccuracy.Point> points = new ArrayList<>();
        BackgroundReliance reliance;
        GradientCheck check;
        long t0 = System.nanoTime();
        try (Classifier model = loaded.model()) {
            eval.requireClasses(model.labelClasses());
            check = loaded.gradients() != null ? loaded.gradients() : gradientCheck(model);
            if (check.passed()) {
                for (Map.Entry<PerturbationNorm, double[]> e : r.eps().entrySet()) {
                    PerturbationNorm norm = e.getKey();
                    lines.accept("robust accuracy, " + norm + ", eps " + Arrays.toString(e.getValue()));
                    points.addAll(RobustAccuracy.evaluate(
                            model,
                            eval.original(),
                            norm,
                            e.getValue(),
                            x -> RobustAccuracy.attacks(norm, x, r.evalSteps(), r.restarts(), r.loss()),
                            BATCH,
                            s,
                            batches));
                }
            }
            lines.accept("background reliance on " + r.dataset().id());
            reliance = BackgroundReliance.evaluate(model, eval, r.rfsSigmas(), s);
        }
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> files = new ArrayList<>();
        ResultTable robust = check.passed() ? RobustAccuracy.table(points).withLeading(lead) : null;
        if (robust != null) {
            robust.writeCsv(out.resolve("robust.csv"));
            files.add("robust.csv");
        }
        ResultTable background = reliance.table(lead);
        background.writeCsv(out.resolve("background.csv"));
        files.add("background.csv");
        manifest.seed(s)
                .parameter("dataset", r.dataset().id())
                .parameter(
                        "data",
                        r.data() == null ? null : r.data().toAbsolutePath().toString())
                .parameter("test_size", eval.original().size())
                .parameter("input_size", eval.imageSize())
                .parameter("classes", eval.numClasses())
                .parameter(
                        "norms",
                        r.eps().keySet().stream().map(PerturbationNorm::id).toList())
                .parameter("eps", r.epsByNorm())
                .parameter("eval_steps", r.evalSteps())
                .parameter("restarts", r.restarts())
                .parameter("loss", r.lossId())
                .parameter("rfs_sigma", Arrays.stream(r.rfsSigmas()).boxed().toList())
                .parameter("device", device.toString())
                .put("module_mode", loaded.mode().mode())
                .put("module_mode_evidence", loaded.mode().evidence())
                .put("gradient_check", check.toString())
                .put("robust_accuracy", check.passed() ? "measured" : "not measured: the gradient check failed")
                .timing("eval_seconds", evalSeconds)
                .put("files", files);
        DeepRuntime.record(manifest).writeTo(out);
        return new Result(
                loaded.model().description(),
                eval.dataset(),
                eval.numClasses(),
                eval.original().size(),
                loaded.mode(),
                check,
                reliance,
                points,
                robust,
                background,
                s);
    }

    private static Loaded loadCheckpoint(EvaluationRequest r, Device device, Manifest manifest) {
        Checkpoint info = Checkpoint.read(r.checkpoint());
        if (r.inputSize() != null && r.inputSize() != info.height()) {
            throw new ParameterException(
                    "input_size", "must be the checkpoint's image size " + info.height(), r.inputSize());
        }
        EvaluationData eval;
        if (r.dataset() == DatasetKind.GENERATED) {
            BenchmarkParams params = info.benchmark();
            if (params == null) {
                throw new ParameterException("checkpoint", "must name its benchmark", r.checkpoint());
            }
            if (r.data() != null) {
                if (params.foregrounds() == Foregrounds.PROCEDURAL) {
                    throw new ParameterException(
                            "data",
                            "relocates a checkpoint's Fashion-MNIST or MNIST foreground files, and this "
                                    + "checkpoint's benchmark has procedural foregrounds",
                            r.data());
                }
                params = params.withForegrounds(params.foregrounds(), r.data());
            }
            eval = EvaluationData.generated(
                    new ShiftedBackgrounds(params, info.benchmarkSeed()), r.generatedTestSize());
        } else {
            eval = realData(r, info.height());
        }
        manifest.parameter("checkpoint", r.checkpoint().toAbsolutePath().toString());
        Classifier model = Checkpoint.load(r.checkpoint(), device);
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

    private static Loaded importModel(EvaluationRequest r, Device device, Manifest manifest) {
        boolean generated = r.dataset() == DatasetKind.GENERATED;
        int size = r.inputSize() != null
                ? r.inputSize()
                : generated ? BenchmarkParams.DEFAULT_SIZE : EvaluationRequest.DEFAULT_REAL_SIZE;
        Normalization norm = new Normalization(
                r.mean() == null ? new double[] {0, 0, 0} : r.mean(),
                r.std() == null ? new double[] {1, 1, 1} : r.std());
        EvaluationData real = generated ? null : realData(r, size);
        TorchScriptModel.Imported imp = TorchScriptModel.load(
                r.modelFile(),
                BenchmarkParams.CHANNELS,
                size,
                real == null ? 0 : real.numClasses(),
                norm,
                r.classMap() == null ? null : ClassMapping.source(r.classMap()),
                device);
        EvaluationData eval = real;
        long s = 1;
        if (generated) {
            int k = imp.classifier().labelClasses();
            if (k > BenchmarkParams.MAX_CLASSES) {
                imp.classifier().close();
                throw new ParameterException(
                        "class_map",
                        "must map the model's " + imp.outputs() + " outputs to at most " + BenchmarkParams.MAX_CLASSES
                                + " classes for the generated data set",
                        k + " classes");
            }
            BenchmarkParams params =
                    BenchmarkParams.defaults().withImageSize(size).withClasses(k);
            eval = EvaluationData.generated(new ShiftedBackgrounds(params, s), r.generatedTestSize());
        }
        manifest.parameter("model_file", r.modelFile().toAbsolutePath().toString())
                .parameter("outputs", imp.outputs())
                .parameter("class_map", imp.mapping().toString())
                .parameter("normalization", norm.toString());
        return new Loaded(imp.classifier(), eval, "external", Double.NaN, s, imp.mode(), imp.gradients());
    }

    private static EvaluationData realData(EvaluationRequest r, int size) {
        int limit = r.testSize() == null ? Integer.MAX_VALUE : r.testSize();
        return r.dataset() == DatasetKind.IMAGENET9
                ? ImageNet9.load(r.data(), size, limit)
                : Waterbirds.load(r.data(), size, limit);
    }

    /** The gradient check of a model trained here, with its parameters' gradients switched off meanwhile. */
    private static GradientCheck gradientCheck(Classifier model) {
        model.parameterGradients(false);
        try {
            return GradientCheck.run(model, GRADIENT_CHECK_SEED);
        } finally {
            model.parameterGradients(true);
        }
    }
}
