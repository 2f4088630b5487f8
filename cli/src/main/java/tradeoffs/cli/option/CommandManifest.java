package tradeoffs.cli.option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import tradeoffs.io.Manifest;

/**
 * The manifest of the running command, started the same way by every command: its name as typed
 * ({@code deep train}), the arguments as typed, and the start of the run (set by the top-level
 * command before parsing, so the manifest's total time covers parsing, work and writing).
 */
public final class CommandManifest {
    private CommandManifest() {}

    /** Implemented by the top-level command: when the run started. */
    public interface Start {
        /** The wall-clock start. */
        Instant started();

        /** {@link System#nanoTime()} at the start. */
        long startNanos();
    }

    /**
     * A manifest for {@code spec}'s command; when the command runs under a top-level command that
     * records its start ({@link Start}) the run starts there, else now.
     */
    public static Manifest of(CommandSpec spec) {
        CommandSpec root = spec.root();
        boolean underMain = root.userObject() instanceof Start;
        String name = spec == root
                ? spec.name()
                : underMain ? spec.qualifiedName().substring(root.name().length() + 1) : spec.qualifiedName();
        Manifest m = new Manifest(name);
        if (root.userObject() instanceof Start s) {
            m.startedAt(s.started(), s.startNanos());
        }
        List<String> args = new ArrayList<>();
        if (!underMain) {
            args.add(root.name()); // run without the top-level command (tests): its name stands first
        }
        ParseResult parsed =
                root.commandLine() == null ? null : root.commandLine().getParseResult();
        if (parsed != null) {
            args.addAll(parsed.originalArgs());
        }
        return m.arguments(args);
    }
}
