package tradeoffs.cli.deep;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.OutputFolder;
import tradeoffs.io.FolderLock;
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
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;

/** {@code tradeoffs deep eval}: robust accuracy and background reliance of a checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint on the benchmark it was trained on: robust accuracy over an eps grid per "
                + "norm (robust.csv; a point is robust only if every attack, restart and iterate fails at every radius "
                + "up to eps) and background reliance (background.csv: accuracy per variant, BG-gap, RFS, average and "
                + "worst-group accuracy).",
        footer = {"", "Examples:", "  tradeoffs deep eval --checkpoint runs/linf --out runs/linf/eval",
            "  tradeoffs deep eval --checkpoint runs/linf --norm linf --eps 0:0.05:0.01 --restarts 3 --loss ce+beta --out e"})
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
            description = "Radii when a single --norm is given (overrides --eps-<norm>).")
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

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
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
        DeviceChoice choice = DeviceChoice.parse(device);
        Checkpoint info = Checkpoint.read(checkpoint);
        if (info.benchmark() == null) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not name its benchmark");
        }
        info.benchmark().requireFits(0, testSize);
        try (FolderLock lock = OutputFolder.lock(spec, "out", out)) {
            return evaluate(info, choice.resolve(), grids, t0);
        }
    }

    private int evaluate(Checkpoint info, Device dev, Map<PerturbationNorm, double[]> grids, long t0) {
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
        Consumer<String> progress = Progress.lines(spec.commandLine().getErr());
        try (Classifier model = Checkpoint.load(checkpoint, dev)) {
            for (Map.Entry<PerturbationNorm, double[]> e : grids.entrySet()) {
                PerturbationNorm norm = e.getKey();
                progress.accept("robust accuracy, " + norm + ", eps " + java.util.Arrays.toString(e.getValue()));
                points.addAll(RobustAccuracy.evaluate(model, test, norm, e.getValue(),
                        x -> RobustAccuracy.attacks(norm, x, attack.evalSteps, attack.restarts, loss), 250, s));
            }
            reliance = BackgroundReliance.evaluate(model, bench, testSize, attack.rfsSigmas, s);
        }
        ResultTable robust = RobustAccuracy.table(points).withLeading(lead);
        robust.writeCsv(out.resolve("robust.csv"));
        reliance.table(lead).writeCsv(out.resolve("background.csv"));
        Manifest manifest = new Manifest("deep eval").seed(s);
        manifest.parameter("checkpoint", checkpoint.toAbsolutePath().toString()).parameter("test_size", testSize)
                .parameter("eval_steps", attack.evalSteps).parameter("restarts", attack.restarts)
                .parameter("loss", loss == null ? "ce+beta" : loss.id()).parameter("device", dev.toString())
                .timing("eval_seconds", (System.nanoTime() - t0) / 1e9)
                .put("files", List.of("robust.csv", "background.csv"))
                .writeTo(out);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "clean accuracy %.3f; BG-gap %.3f; worst-group accuracy %.3f%n",
                points.isEmpty() ? reliance.variant("original").value() : points.get(0).cleanAccuracy(),
                reliance.gap().value(), reliance.groups().worst());
        for (RobustAccuracy.Point p : points) {
            o.printf(Locale.ROOT, "  %-4s eps %-8s robust accuracy %.3f%n", p.norm(), ResultTable.format(p.eps()),
                    p.robustAccuracy());
        }
        o.flush();
        return 0;
    }
}
