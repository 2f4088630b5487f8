package tradeoffs.cli.deep;

import ai.djl.Device;
import java.util.Map;
import picocli.CommandLine.Option;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.model.Architecture;

/** Model, optimiser, device and seed flags shared by {@code deep train} and {@code deep sweep}. */
public final class DeepTrainingOptions implements ParameterFlags {
    /** Training parameters of the deep library whose flags are shorter than their names. */
    private static final Map<String, String> PARAMETER_FLAGS = Map.of(
            "learning_rate",
            "--lr",
            "train_steps",
            "--steps",
            "architecture",
            "--model",
            "eval_restarts",
            "--restarts");

    @Override
    public Map<String, String> parameterFlags() {
        return PARAMETER_FLAGS;
    }

    @Option(
            names = "--model",
            paramLabel = "NAME",
            defaultValue = "cnn",
            description = "Model: cnn, resnet, mlp or linear (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "8",
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "64",
            description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            defaultValue = "0.002",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "5",
            description = "PGD steps per example in adversarial training (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--device",
            paramLabel = "auto|cpu|gpu",
            defaultValue = "auto",
            description = "Where to train: the first GPU when there is one (auto), the CPU, or a GPU (gpu; needs "
                    + "the build's -Pcuda profile) (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Seed of the benchmark, the initial weights, the data order and the attacks (default: ${DEFAULT-VALUE}).")
    long seed;

    Architecture architecture() {
        return Architecture.parse(model);
    }

    Device resolveDevice() {
        return DeviceChoice.parse(device).resolve();
    }

    void validate() {
        architecture();
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1 (got " + epochs + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1 (got " + batchSize + ")");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be > 0 (got " + lr + ")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1 (got " + steps + ")");
        }
        DeviceChoice.parse(device);
    }
}
