package tradeoffs.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tradeoffs.io.FolderLock;

/**
 * {@code --out DIR}, required: the folder a command writes (a picocli mixin of {@code reproduce},
 * {@code sweep merge} and the deep commands). Each command says what goes there in its help bundle
 * (key {@code out}).
 */
public final class OutputFolder {
    @Option(names = "--out", paramLabel = "DIR", required = true)
    Path dir;

    /** The folder given. */
    public Path dir() {
        return dir;
    }

    /** The folder checked before any work and locked for this run ({@link FolderLock#output}); close it when the run ends. */
    public FolderLock lock(CommandSpec spec) {
        return FolderLock.output("out", dir, spec.commandLine().getErr());
    }
}
