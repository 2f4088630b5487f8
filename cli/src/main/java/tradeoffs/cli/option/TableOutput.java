package tradeoffs.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tradeoffs.io.TableSink;

/**
 * {@code --format csv|json} and {@code --out FILE}, the picocli mixin of every command that prints
 * a table; the writing is {@link TableSink}'s.
 */
public final class TableOutput {
    @Option(names = "--format", paramLabel = "FMT", description = "csv or json (default: ${DEFAULT-VALUE})")
    String format = "csv";

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "output file, written atomically, with FILE.manifest.json (default: stdout)")
    Path out;

    /** The sink for {@code spec}'s command, its format and file checked before any work (exit 2 naming the flag). */
    public TableSink sink(CommandSpec spec) {
        return TableSink.of(
                format, out, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
