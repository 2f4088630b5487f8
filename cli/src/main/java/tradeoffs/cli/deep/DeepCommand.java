package tradeoffs.cli.deep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tradeoffs deep}: trained models on the shifted-backgrounds benchmark. */
@Command(
        name = "deep",
        description = "Deep validation: train and evaluate classifiers (standard and PGD adversarial training) on the "
                + "shifted-backgrounds benchmark; checkpoints and result tables on disk.",
        subcommands = {DeepTrainCommand.class, DeepEvalCommand.class, DeepSweepCommand.class, DeepPreviewCommand.class},
        footer = {
            "",
            "Example:",
            "  tradeoffs deep train --norm linf --eps 0.03 --out runs/linf",
            "  tradeoffs deep eval --checkpoint runs/linf --out runs/linf/eval"
        })
public final class DeepCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
