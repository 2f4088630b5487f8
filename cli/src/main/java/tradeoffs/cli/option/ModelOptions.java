package tradeoffs.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import tradeoffs.simulation.montecarlo.DataModel;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * The model flags shared by {@code theory} and {@code simulate} (a picocli mixin): the
 * core/spurious model of docs/math.md §3.2 by default, the anti-causal model with
 * {@code --anti-causal}, or any (Σ, b, v) from a JSON file with {@code --model-file}.
 * The library checks the values ({@code ParameterException} naming the parameter), which the CLI
 * reports under the flag (exit 2).
 */
public final class ModelOptions {

    @Option(
            names = "--sigma-core",
            paramLabel = "S",
            description = "core feature scale sigma_c > 0 (default: ${DEFAULT-VALUE})")
    double sigmaCore = 1.0;

    @Option(
            names = "--sigma-spurious",
            paramLabel = "S",
            description = "spurious feature scale sigma_s > 0 (default: ${DEFAULT-VALUE})")
    double sigmaSpurious = 1.0;

    @Option(
            names = "--eta",
            paramLabel = "ETA",
            description = "spurious correlation eta in (-1, 1) (default: ${DEFAULT-VALUE})")
    double eta = 0.6;

    @Option(
            names = "--noise",
            paramLabel = "S",
            description = "label-noise standard deviation sigma_n >= 0 (default: ${DEFAULT-VALUE})")
    double noise = 0.5;

    @Option(
            names = "--dim-core",
            paramLabel = "N",
            description = "number of core features d_c >= 1 (default: ${DEFAULT-VALUE})")
    int dimCore = 1;

    @Option(
            names = "--dim-spurious",
            paramLabel = "N",
            description = "number of spurious features d_s >= 0 (default: ${DEFAULT-VALUE})")
    int dimSpurious = 1;

    @Option(
            names = "--anti-causal",
            description = "use the anti-causal model: y ~ N(0,1), x_c = a_c y + tau_c n_c, x_s = a_s y + tau_s n_s")
    boolean antiCausal;

    @Option(
            names = "--a-core",
            paramLabel = "A",
            description = "anti-causal core loading a_c (default: ${DEFAULT-VALUE})")
    double loadingCore = 1.0;

    @Option(
            names = "--a-spurious",
            paramLabel = "A",
            description = "anti-causal spurious loading a_s (default: ${DEFAULT-VALUE})")
    double loadingSpurious = 1.0;

    @Option(
            names = "--tau-core",
            paramLabel = "S",
            description = "anti-causal core noise tau_c > 0 (default: ${DEFAULT-VALUE})")
    double noiseCore = 1.0;

    @Option(
            names = "--tau-spurious",
            paramLabel = "S",
            description = "anti-causal spurious noise tau_s > 0 (default: ${DEFAULT-VALUE})")
    double noiseSpurious = 0.5;

    @Option(
            names = "--model-file",
            paramLabel = "FILE",
            description = "a user model as JSON: {\"sigma\": [[...]], \"b\": [...], \"v\": number, \"dim_core\": n}"
                    + " (the first dim_core features are core, the rest spurious; default dim_core = 1)")
    Path modelFile;

    /** The model of the flags (the library checks the values and names the parameter). */
    public DataModel model() {
        return DataModel.choose(
                modelFile,
                antiCausal,
                () -> new CoreSpuriousModel(dimCore, dimSpurious, sigmaCore, sigmaSpurious, eta, noise),
                () -> new AntiCausalModel(
                        dimCore, dimSpurious, loadingCore, loadingSpurious, noiseCore, noiseSpurious));
    }
}
