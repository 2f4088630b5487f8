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
        FolderLock lock = FolderLock.output("out", out, spec.commandLine().getErr());
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
