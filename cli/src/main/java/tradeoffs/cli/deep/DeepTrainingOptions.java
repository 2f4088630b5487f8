package tradeoffs.cli.deep;

import java.util.Map;
import picocli.CommandLine.Option;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.train.TrainConfig;

/** Model, optimiser, device and seed flags shared by {@code deep train} and {@code deep sweep}. */
public final class DeepTrainingOptions implements ParameterFlags {
    /** Training parameters of the deep library whose flags are shorter than their names. */
    private static final Map<String, String> PARAMETER_FLAGS =
            Map.of("learning_rate", "--lr", "train_steps", "--steps", "architecture", "--model");

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

    /** The model, optimiser and seed of standard training (the library checks the values). */
    TrainConfig standard() {
        return TrainConfig.standard(architecture(), epochs, batchSize, lr, seed);
    }
}
