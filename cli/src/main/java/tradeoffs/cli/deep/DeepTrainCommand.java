package tradeoffs.cli.deep;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.train.MethodSpec;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.deep.train.TrainingRun;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;

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
            description =
                    "With several norms: train on each example's worst attack (max) or on all (avg) (default: max).")
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
        TrainingRun.Request request = new TrainingRun.Request(
                params, training.seed, benchmark.trainSize(), benchmark.testSize(), config(), training.steps);
        DeviceChoice device = DeviceChoice.parse(training.device);
        FolderLock lock =
                AtomicFolder.claim("out", out, overwrite, spec.commandLine().getErr());
        try (lock) {
            Progress.Output shown = progress.output(spec);
            TrainingRun.Result r = TrainingRun.run(
                    request, device.resolve(), out, overwrite, manifest, shown.lines(), shown.listener("img"));
            String summary = r.summary(out);
            ResultFormat.print(
                    spec, fmt, summary + System.lineSeparator(), r.log().toCsv(), () -> r.document(out));
            if (fmt != ResultFormat.Kind.TEXT) {
                shown.line(summary);
            }
            return 0;
        }
    }

    /** The training configuration of the flags; the library checks them and builds the method. */
    TrainConfig config() {
        List<Double> e =
                eps == null ? List.of() : Arrays.stream(eps.values()).boxed().toList();
        return new MethodSpec(norms, e, training.steps, stepSize, multi, method, tradesBeta)
                .config(training.standard());
    }
}
