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
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ResultFormat;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.RobustAccuracy;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;

/** {@code tradeoffs deep eval}: robust accuracy and background reliance of a checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint on the benchmark it was trained on: robust accuracy over an eps grid per "
                + "norm (robust.csv; a point is robust only if every attack, restart and iterate fails at every radius "
                + "up to eps) and background reliance (background.csv: accuracy per variant, BG-gap, RFS, average and "
                + "worst-group accuracy).",
        footer = {"", "Examples:", "  tradeoffs deep eval --checkpoint runs/linf --out runs/linf/eval",
            "  tradeoffs deep eval --checkpoint runs/linf --norm linf --eps 0:8/255:2/255 --restarts 3 --loss ce+beta --out e"})
public final class DeepEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeepAttackOptions attack = new DeepAttackOptions();

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true, description = "Checkpoint folder (from deep train).")
    Path checkpoint;

    @Option(names = "--norm", split = ",", paramLabel = "NORM", defaultValue = "linf,l2",
            description = "Norms of the robust evaluation: l1, l2, linf (default: ${DEFAULT-VALUE}).")
    List<String> norms;

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class,
            description = "Radii when a single --norm is given (overrides --eps-<norm>), in that norm's pixel units "
                    + "(see --eps-linf), e.g. 0:8/255:2/255.")
    Grid eps;

    @Option(names = "--test-size", paramLabel = "N", defaultValue = "1000",
            description = "Test images per variant, in the group split and for robust accuracy (default: ${DEFAULT-VALUE}).")
    int testSize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of attacks and noise (default: the checkpoint's).")
    Long seed;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the tables and manifest.json.")
    Path out;

    @Mixin
    ResultFormat format = new ResultFormat();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        ResultFormat.Kind fmt = format.kind();
        List<PerturbationNorm> ns = DeepAttackOptions.norms("--norm", norms);
        attack.validate();
        if (testSize < 1) {
            throw new IllegalArgumentException("--test-size must be >= 1 (got " + testSize + ")");
        }
        Map<PerturbationNorm, double[]> grids = attack.grids(ns);
        if (eps != null) {
            if (ns.size() != 1) {
                throw new IllegalArgumentException("--eps needs exactly one --norm (got " + ns.size()
                        + "); use --eps-l1, --eps-l2, --eps-linf");
            }
            grids.put(ns.get(0), eps.atLeast("eps", 0).ascending());
        }
        Device dev = DeviceChoice.parse(device).resolve();
        Checkpoint info = Checkpoint.read(checkpoint);
        if (info.benchmark() == null) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not name its benchmark");
        }
        long s = seed == null ? info.training().seed() : seed;
        ShiftedBackgrounds bench = new ShiftedBackgrounds(info.benchmark(), info.benchmarkSeed());
        ImageSet test = bench.test(Variant.ORIGINAL, testSize);
        AttackLoss loss = attack.attackLoss();
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("model", info.architecture().id());
        lead.put("train_norm", info.training().regime());
        lead.put("train_eps", info.training().attacks().isEmpty() ? 0.0 : info.training().attacks().get(0).eps());
        List<RobustAccuracy.Point> points = new ArrayList<>();
        BackgroundReliance reliance;
        Progress.Output shown = progress.output(spec);
        ProgressListener batches = shown.listener("img");
        long t0 = System.nanoTime();
        try (Classifier model = Checkpoint.load(checkpoint, dev)) {
            for (Map.Entry<PerturbationNorm, double[]> e : grids.entrySet()) {
                PerturbationNorm norm = e.getKey();
                shown.line("robust accuracy, " + norm + ", eps " + java.util.Arrays.toString(e.getValue()));
                points.addAll(RobustAccuracy.evaluate(model, test, norm, e.getValue(),
                        x -> RobustAccuracy.attacks(norm, x, attack.evalSteps, attack.restarts, loss), 250, s, batches));
            }
            shown.line("background reliance: accuracy per variant, BG-gap, RFS, group accuracy");
            reliance = BackgroundReliance.evaluate(model, bench, testSize, attack.rfsSigmas(), s);
        }
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        ResultTable robust = RobustAccuracy.table(points).withLeading(lead);
        ResultTable background = reliance.table(lead);
        robust.writeCsv(out.resolve("robust.csv"));
        background.writeCsv(out.resolve("background.csv"));
        manifest.seed(s);
        manifest.parameter("checkpoint", checkpoint.toAbsolutePath().toString()).parameter("test_size", testSize)
                .parameter("norms", ns.stream().map(PerturbationNorm::id).toList())
                .parameter("eps", epsByNorm(grids))
                .parameter("eval_steps", attack.evalSteps).parameter("restarts", attack.restarts)
                .parameter("loss", loss == null ? "ce+beta" : loss.id())
                .parameter("rfs_sigma", java.util.Arrays.stream(attack.rfsSigmas()).boxed().toList())
                .parameter("device", dev.toString())
                .timing("eval_seconds", evalSeconds)
                .put("files", List.of("robust.csv", "background.csv"));
        DeepRuntime.record(manifest).writeTo(out);
        PrintWriter o = spec.commandLine().getOut();
        switch (fmt) {
            case TEXT -> {
                o.printf(Locale.ROOT, "clean accuracy %.3f; BG-gap %.3f; worst-group accuracy %.3f%n",
                        points.isEmpty() ? reliance.variant("original").value() : points.get(0).cleanAccuracy(),
                        reliance.gap().value(), reliance.groups().worst());
                for (RobustAccuracy.Point p : points) {
                    o.printf(Locale.ROOT, "  %-4s eps %-8s robust accuracy %.3f%n", p.norm(), ResultTable.format(p.eps()),
                            p.robustAccuracy());
                }
            }
            case CSV -> o.print(robust.toCsv());
            case JSON -> {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("command", "deep eval");
                root.put("checkpoint", checkpoint.toString());
                root.put("out", out.toString());
                root.put("clean_accuracy", points.isEmpty() ? reliance.variant("original").value()
                        : points.get(0).cleanAccuracy());
                root.put("bg_gap", reliance.gap().value());
                root.put("worst_group_accuracy", reliance.groups().worst());
                root.put("robust", ResultFormat.json(robust));
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
}
