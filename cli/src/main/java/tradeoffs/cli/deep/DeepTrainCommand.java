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
import tradeoffs.cli.option.OutputFolder;
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
@Command(name = "train", resourceBundle = "tradeoffs.cli.help.deep-train")
public final class DeepTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchmarkOptions benchmark = new BenchmarkOptions();

    @Mixin
    DeepTrainingOptions training = new DeepTrainingOptions();

    @Option(names = "--norm", split = ",", paramLabel = "NORM", defaultValue = "none")
    List<String> norms;

    @Option(names = "--eps", paramLabel = "EPS", converter = GridConverter.class)
    Grid eps;

    @Option(names = "--step-size", paramLabel = "A", converter = NumberConverter.class)
    Double stepSize;

    @Option(names = "--multi", paramLabel = "max|avg")
    String multi;

    @Option(names = "--method", paramLabel = "METHOD")
    String method;

    @Option(names = "--trades-beta", paramLabel = "B", converter = NumberConverter.class)
    Double tradesBeta;

    @Mixin
    OutputFolder output = new OutputFolder();

    @Option(names = "--overwrite")
    boolean overwrite;

    @Mixin
    ResultFormat format = new ResultFormat();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        Path out = output.dir();
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
