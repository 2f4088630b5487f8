package tradeoffs.cli.deep;

import java.nio.file.Path;
import java.util.List;
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
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ResultFormat;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.DeepSweep;
import tradeoffs.deep.eval.Regime;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;

/** {@code tradeoffs deep sweep}: a grid of training regimes on one benchmark, each trained and scored. */
@Command(name = "sweep", resourceBundle = "tradeoffs.cli.help.deep-sweep")
public final class DeepSweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchmarkOptions benchmark = new BenchmarkOptions();

    @Mixin
    DeepTrainingOptions training = new DeepTrainingOptions();

    @Mixin
    DeepAttackOptions attack = new DeepAttackOptions();

    @Option(names = "--train-norm", split = ",", paramLabel = "NORM", defaultValue = "standard,l2,linf")
    List<String> trainNorms;

    @Option(
            names = "--train-eps-linf",
            paramLabel = "GRID",
            defaultValue = "0.0157,0.0314",
            converter = GridConverter.class)
    Grid trainEpsLinf;

    @Option(names = "--train-eps-l2", paramLabel = "GRID", defaultValue = "0.25,0.75", converter = GridConverter.class)
    Grid trainEpsL2;

    @Option(names = "--train-eps-l1", paramLabel = "GRID", defaultValue = "4,8", converter = GridConverter.class)
    Grid trainEpsL1;

    @Option(names = "--eval-norm", split = ",", paramLabel = "NORM", defaultValue = "linf,l2")
    List<String> evalNorms;

    @Option(names = "--label", paramLabel = "NAME")
    String label;

    @Mixin
    OutputFolder output = new OutputFolder();

    @Mixin
    ResultFormat format = new ResultFormat();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        Path out = output.dir();
        Manifest m = CommandManifest.of(spec);
        ResultFormat.Kind fmt = format.kind();
        BenchmarkParams params = benchmark.toParams();
        Map<PerturbationNorm, double[]> radii = Map.of(
                PerturbationNorm.LINF, trainEpsLinf.values(),
                PerturbationNorm.L2, trainEpsL2.values(),
                PerturbationNorm.L1, trainEpsL1.values());
        DeepSweep.Spec s = new DeepSweep.Spec(
                label,
                params,
                training.seed,
                benchmark.trainSize(),
                benchmark.testSize(),
                training.architecture(),
                training.epochs,
                training.batchSize,
                training.lr,
                training.steps,
                Regime.of(trainNorms, radii),
                attack.grids(PerturbationNorm.parseAll(evalNorms, "eval_norm")),
                attack.evalSteps,
                attack.restarts,
                attack.attackLoss(),
                attack.rfsSigmas(),
                DeviceChoice.parse(training.device).resolve());
        FolderLock lock = output.lock(spec);
        try (lock) {
            Progress.Output shown = progress.output(spec);
            DeepSweep.Tables tables = DeepSweep.runInto(s, out, m, shown.lines(), shown.listener("img"));
            String csv = tables.training().toCsv();
            ResultFormat.print(spec, fmt, csv, csv, () -> tables.document(out));
            return 0;
        }
    }
}
