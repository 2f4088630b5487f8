package tradeoffs.cli.deep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.eval.DeepSweep;
import tradeoffs.deep.eval.Regime;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.schema.BenchmarkLabels;

/** {@code tradeoffs deep sweep}: a grid of training regimes on one benchmark, each trained and scored. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train one model per regime (standard, and PGD adversarial training per norm and radius) on one "
                + "benchmark and score each: deep_training.csv, deep_reliance.csv (accuracy per variant, BG-gap, RFS, "
                + "group accuracies), deep_robust.csv, manifest.json; checkpoints under models/. Rerunning reuses "
                + "finished checkpoints.",
        footer = {"", "Example:", "  tradeoffs deep sweep --fg-contrast 0.3 --bg-contrast 0.8 --train-norm standard,linf "
                + "--train-eps-linf 0.01,0.03 --out sweeps/bg-above"})
public final class DeepSweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchmarkOptions benchmark = new BenchmarkOptions();

    @Mixin
    DeepTrainingOptions training = new DeepTrainingOptions();

    @Mixin
    DeepAttackOptions attack = new DeepAttackOptions();

    @Option(names = "--train-norm", split = ",", paramLabel = "NORM", defaultValue = "standard,l2,linf",
            description = "Training regimes: standard, l1, l2, linf (default: ${DEFAULT-VALUE}).")
    List<String> trainNorms;

    @Option(names = "--train-eps-linf", paramLabel = "GRID", defaultValue = "0.0157,0.0314", converter = GridConverter.class,
            description = "l-inf training radii (default: ${DEFAULT-VALUE}, about 4/255 and 8/255).")
    Grid trainEpsLinf;

    @Option(names = "--train-eps-l2", paramLabel = "GRID", defaultValue = "0.25,0.75", converter = GridConverter.class,
            description = "l2 training radii (default: ${DEFAULT-VALUE}).")
    Grid trainEpsL2;

    @Option(names = "--train-eps-l1", paramLabel = "GRID", defaultValue = "4,8", converter = GridConverter.class,
            description = "l1 training radii (default: ${DEFAULT-VALUE}).")
    Grid trainEpsL1;

    @Option(names = "--eval-norm", split = ",", paramLabel = "NORM", defaultValue = "linf,l2",
            description = "Norms of the robust evaluation (default: ${DEFAULT-VALUE}).")
    List<String> evalNorms;

    @Option(names = "--label", paramLabel = "NAME",
            description = "The benchmark's name in the tables (default: bg<fg, bg>fg or bg=fg from the contrasts).")
    String label;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Results folder (created).")
    Path out;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        BenchmarkParams params = benchmark.toParams();
        training.validate();
        attack.validate();
        String name = label == null ? BenchmarkLabels.byContrast(params.foregroundContrast(), params.backgroundContrast()) : label;
        DeepSweep.Spec s = new DeepSweep.Spec(name, params, training.seed,
                benchmark.trainSize(), benchmark.testSize(), training.architecture(), training.epochs,
                training.batchSize, training.lr, training.steps, regimes(),
                attack.grids(DeepAttackOptions.norms("--eval-norm", evalNorms)), attack.evalSteps, attack.restarts,
                attack.attackLoss(), attack.rfsSigmas, training.resolveDevice());
        DeepSweep.Tables tables = DeepSweep.run(s, out, Progress.lines(spec.commandLine().getErr()));
        tables.training().writeCsv(out.resolve("deep_training.csv"));
        tables.reliance().writeCsv(out.resolve("deep_reliance.csv"));
        tables.robust().writeCsv(out.resolve("deep_robust.csv"));
        Manifest m = BenchmarkOptions.manifest("deep sweep", params, training.seed);
        m.parameter("label", s.label()).parameter("model", s.architecture().id()).parameter("epochs", s.epochs())
                .parameter("train_size", s.trainSize()).parameter("test_size", s.testSize())
                .parameter("regimes", s.regimes().stream().map(Regime::id).toList())
                .parameter("train_steps", s.trainSteps()).parameter("eval_steps", s.evalSteps())
                .parameter("restarts", s.evalRestarts()).parameter("device", s.device().toString())
                .timing("sweep_seconds", (System.nanoTime() - t0) / 1e9)
                .put("files", List.of("deep_training.csv", "deep_reliance.csv", "deep_robust.csv"))
                .writeTo(out);
        spec.commandLine().getOut().println(tables.training().toCsv());
        spec.commandLine().getOut().flush();
        return 0;
    }

    List<Regime> regimes() {
        List<Regime> out = new ArrayList<>();
        for (String t : trainNorms) {
            if (t.trim().equalsIgnoreCase("standard") || t.trim().equalsIgnoreCase("none")) {
                out.add(Regime.standard());
                continue;
            }
            PerturbationNorm n = PerturbationNorm.parse(t, "--train-norm");
            Grid grid = switch (n) {
                case LINF -> trainEpsLinf;
                case L2 -> trainEpsL2;
                case L1 -> trainEpsL1;
            };
            for (double e : grid.atLeast("train_eps_" + n.id(), 0).values()) {
                out.add(new Regime(n, e));
            }
        }
        return out.stream().distinct().toList();
    }
}
