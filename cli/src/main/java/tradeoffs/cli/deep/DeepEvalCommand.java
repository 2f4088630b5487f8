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
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ResultFormat;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.data.DatasetKind;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.Evaluation;
import tradeoffs.deep.eval.EvaluationRequest;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;

/**
 * {@code tradeoffs deep eval}: robust accuracy and background reliance of a checkpoint or of a
 * TorchScript model, on the generated benchmark, ImageNet-9 folders or Waterbirds.
 */
@Command(name = "eval", resourceBundle = "tradeoffs.cli.help.deep-eval")
public final class DeepEvalCommand implements Callable<Integer>, ParameterFlags {

    @Spec
    CommandSpec spec;

    @Mixin
    DeepAttackOptions attack = new DeepAttackOptions();

    @Option(names = "--checkpoint", paramLabel = "DIR")
    Path checkpoint;

    @Option(names = "--model-file", paramLabel = "FILE")
    Path modelFile;

    @Option(names = "--dataset", paramLabel = "KIND", defaultValue = "generated")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR")
    Path data;

    @Option(names = "--input-size", paramLabel = "PX")
    Integer inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "M")
    double[] mean;

    @Option(names = "--std", split = ",", paramLabel = "S")
    double[] std;

    @Option(names = "--class-map", paramLabel = "MAP")
    String classMap;

    @Option(names = "--norm", split = ",", paramLabel = "NORM", defaultValue = "linf,l2")
    List<String> norms;

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class)
    Grid eps;

    @Option(names = "--test-size", paramLabel = "N")
    Integer testSize;

    @Option(names = "--seed", paramLabel = "N")
    Long seed;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto")
    String device;

    @Mixin
    OutputFolder output = new OutputFolder();

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
        Path out = output.dir();
        Manifest manifest = CommandManifest.of(spec);
        ResultFormat.Kind fmt = format.kind();
        EvaluationRequest request = new EvaluationRequest(
                checkpoint,
                modelFile,
                DatasetKind.parse(dataset),
                data,
                inputSize,
                mean,
                std,
                classMap,
                EvaluationRequest.grids(attack.grids(PerturbationNorm.parseAll(norms, "norm")), eps),
                attack.evalSteps,
                attack.restarts,
                attack.attackLoss(),
                attack.rfsSigmas(),
                testSize,
                seed);
        Evaluation.check(request);
        DeviceChoice choice = DeviceChoice.parse(device);
        FolderLock lock = output.lock(spec);
        try (lock) {
            Progress.Output shown = progress.output(spec);
            Evaluation.Result r =
                    Evaluation.run(request, choice.resolve(), out, manifest, shown.lines(), shown.listener("img"));
            String csv = (r.check().passed() ? r.robust() : r.background()).toCsv();
            ResultFormat.print(spec, fmt, r.summary(), csv, () -> r.document(out));
            return 0;
        }
    }
}
