package tradeoffs.cli.classification;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.TableOutput;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.io.tables.InvarianceTable;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * {@code tradeoffs classification invariance}: sensitivity-robustness vs invariance error on the toy
 * of docs/math.md §10.5 (classes in {@code tradeoffs.theory.classification}).
 */
@Command(
        name = "invariance",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Sensitivity-robustness vs invariance error on a toy (docs/math.md section 10.5)",
        description = {
            "Sensitivity-robustness vs invariance error (docs/math.md section 10.5): y = +-1;",
            "semantic x_s ~ N(y mu_s, sigma_s^2) decides the true label sign(x_s);",
            "non-semantic x_r ~ N(y mu_r, sigma_r^2). Classifiers sign(a x_s + (1-a) x_r):",
            "a = 0 is sign(x_r), a = 1 is sign(x_s). l-inf attack of radius eps on both.",
            "All formulas [derived]: docs/classification.md."
        },
        footer = {
            "",
            "Example:",
            "  tradeoffs classification invariance --mix 0,1 --eps 0:1:0.5",
            "",
            "CSV columns: mix, classifier, eps, clean_accuracy, robust_accuracy, invariance_error,",
            "  mu_s, sigma_s, mu_r, sigma_r. robust_accuracy: P(prediction = y for every",
            "  perturbation); invariance_error: P(correct, and some perturbation flips the",
            "  true label sign(x_s) while the prediction stays)."
        })
public final class ClassificationInvarianceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mu-s", paramLabel = "MU", description = "mean mu_s of y x_s (default: ${DEFAULT-VALUE})")
    double muS = 1.0;

    @Option(
            names = "--sigma-s",
            paramLabel = "SIGMA",
            description = "standard deviation sigma_s > 0 of x_s (default: ${DEFAULT-VALUE})")
    double sigmaS = 1.0;

    @Option(names = "--mu-r", paramLabel = "MU", description = "mean mu_r of y x_r (default: ${DEFAULT-VALUE})")
    double muR = 2.0;

    @Option(
            names = "--sigma-r",
            paramLabel = "SIGMA",
            description = "standard deviation sigma_r > 0 of x_r (default: ${DEFAULT-VALUE})")
    double sigmaR = 0.5;

    @Option(
            names = "--eps",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "l-inf radius >= 0 in the units of x_s and x_r: a value, a fraction, a comma list or "
                    + "start:stop:step (default: ${DEFAULT-VALUE})")
    Grid eps = Grid.parse("eps", "0:1.5:0.25");

    @Option(
            names = "--mix",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "weight a in [0, 1] on x_s (default: ${DEFAULT-VALUE})")
    Grid mix = Grid.parse("mix", "0,0.5,1");

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        InvarianceTable.write(new InvarianceToy(muS, sigmaS, muR, sigmaR), eps, mix, sink, manifest);
        return 0;
    }
}
