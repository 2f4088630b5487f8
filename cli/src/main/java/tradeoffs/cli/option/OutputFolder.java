package tradeoffs.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import tradeoffs.io.FolderLock;
import tradeoffs.io.OutputPath;

/**
 * The output folder of a command that writes one ({@code reproduce}, {@code figures}, the deep
 * commands): checked before any work ({@link OutputPath#requireFolder}) and locked for the run
 * ({@link FolderLock#exclusive}), so a second run on the same folder is refused at once (exit 2,
 * "in use by another tradeoffs run") instead of writing beside the first.
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Checks {@code dir} (the value of the flag whose parameter is {@code parameter}, e.g. "out")
     * and locks it for this run; close the lock when the run ends. A file system without locks is
     * said on stderr and the run goes on.
     */
    public static FolderLock lock(CommandSpec spec, String parameter, Path dir) {
        OutputPath.requireFolder(parameter, dir);
        FolderLock lock = FolderLock.exclusive(parameter, dir);
        if (lock.note() != null) {
            spec.commandLine().getErr().println(lock.note());
            spec.commandLine().getErr().flush();
        }
        return lock;
    }
}
