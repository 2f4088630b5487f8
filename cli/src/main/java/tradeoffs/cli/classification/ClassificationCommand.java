package tradeoffs.cli.classification;

import picocli.CommandLine.Command;

/**
 * {@code tradeoffs classification}: the classification models of docs/math.md §10 as tables. Not
 * executable itself (picocli reports a missing subcommand, exit 2).
 */
@Command(
        name = "classification",
        description = {
            "Closed-form classification tradeoffs (docs/math.md section 10; all formulas",
            "[derived], see docs/classification.md)."
        },
        footer = {
            "",
            "Examples:",
            "  tradeoffs classification multi-perturbation --p0 0.95 --dim 100 --alpha 2",
            "  tradeoffs classification invariance --mu-r 3 --sigma-r 1 --eps 0:1:0.25"
        },
        subcommands = {ClassificationMultiPerturbationCommand.class, ClassificationInvarianceCommand.class})
public final class ClassificationCommand {}
