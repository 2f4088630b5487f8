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
import tradeoffs.io.tables.MultiPerturbationTable;

/**
 * {@code tradeoffs classification multi-perturbation}: the ℓ∞-vs-ℓ1 tradeoff table of docs/math.md §10.2
 * (classes in {@code tradeoffs.theory.classification}).
 */
@Command(
        name = "multi-perturbation",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "l-inf vs l1 robustness tradeoff of linear classifiers (docs/math.md section 10.2)",
        description = {
            "l-inf vs l1 robust accuracy of linear classifiers on the Tramer-Boneh",
            "distribution (docs/math.md section 10.2): y = +-1; x0 = y w.p. p0, else -y;",
            "x1..xd ~ N(y eta, 1) with eta = alpha/sqrt(d).",
            "Rows 'path': w0 = cos(theta), wi = sin(theta)/sqrt(d), b = 0, theta from 0",
            "(robust feature x0) to pi/2 (weak features). Rows 'opt_linf', 'opt_l1',",
            "'opt_union', 'opt_avg': the optimal linear classifier for each objective.",
            "Grid flags take a value, a comma list or start:stop:step; the table is the",
            "product of the grids. All formulas [derived]: docs/classification.md."
        },
        footer = {
            "",
            "Example:",
            "  tradeoffs classification multi-perturbation --dim 100 --alpha 2 --points 5",
            "",
            "CSV columns: p0, dim, alpha, eta, eps_linf, eps_l1, mep_applies, classifier,",
            "  theta, w0, weak_sum, weak_l2, weak_linf, bias, clean_accuracy, linf_accuracy, l1_accuracy,",
            "  union_accuracy, avg_accuracy, error_sum. error_sum = (1 - linf_accuracy) + (1 - l1_accuracy) is",
            "  >= 1 for every classifier when mep_applies (eps_linf >= 2 eta, eps_l1 >= 2)."
        })
public final class ClassificationMultiPerturbationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--p0",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "P(x0 = y), in [0.5, 1] (default: ${DEFAULT-VALUE})")
    Grid p0 = Grid.parse("p0", "0.95");

    @Option(
            names = "--dim",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "number d of weak features, integer in [1, 1000000] (default: ${DEFAULT-VALUE})")
    Grid dim = Grid.parse("dim", "100");

    @Option(
            names = "--alpha",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "signal alpha >= 0 of the weak features, eta = alpha/sqrt(d) (default: ${DEFAULT-VALUE})")
    Grid alpha = Grid.parse("alpha", "2");

    @Option(
            names = "--eps-linf",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "l-inf radius >= 0 in the units of the features (x_i ~ N(y eta, 1)), e.g. 1/4; a grid "
                    + "(default: 2 eta, the MEP threshold, at each grid point)")
    Grid epsLinf;

    @Option(
            names = "--eps-l1",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "l1 radius >= 0 in the units of the features (sum of absolute changes); a grid "
                    + "(default: ${DEFAULT-VALUE}, the MEP threshold)")
    Grid epsL1 = Grid.parse("eps_l1", "2");

    @Option(
            names = "--points",
            paramLabel = "N",
            description = "theta values on the path, in [2, 10000] (default: ${DEFAULT-VALUE})")
    int points = 11;

    @Option(
            names = "--no-optimal",
            description = "skip the optimal-classifier rows (each takes a fraction of a second)")
    boolean noOptimal;

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        MultiPerturbationTable.write(p0, dim, alpha, epsLinf, epsL1, points, !noOptimal, sink, manifest);
        return 0;
    }
}
