package tradeoffs.cli.option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tradeoffs.io.Json;
import tradeoffs.theory.ParameterException;

/**
 * {@code --format text|csv|json} of the commands that write a results folder and print a summary
 * (the deep commands): {@code text} the summary for people (default), {@code csv} the command's
 * main result table, {@code json} one document with the summary and every table. The files in
 * {@code --out} are the same whatever the format.
 */
public final class ResultFormat {
    /** What standard output gets. */
    public enum Kind {
        TEXT,
        CSV,
        JSON
    }

    @Option(
            names = "--format",
            paramLabel = "text|csv|json",
            completionCandidates = Names.class,
            description = "standard output: text (a summary, the default), csv (the main result table) or json "
                    + "(the summary and every table); the files in --out are the same")
    String format = "text";

    /** The format names, for shell completion. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(List.of("text", "csv", "json"));
        }
    }

    /** The chosen format; checked before any work (exit 2 naming --format). */
    public Kind kind() {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "text" -> Kind.TEXT;
            case "csv" -> Kind.CSV;
            case "json" -> Kind.JSON;
            default -> throw new ParameterException("format", "must be text, csv or json", "'" + format + "'");
        };
    }

    /** Prints the chosen output on {@code spec}'s standard output: {@code text}, {@code csv}, or the JSON of {@code json}. */
    public static void print(CommandSpec spec, Kind kind, String text, String csv, Supplier<Map<String, Object>> json) {
        PrintWriter o = spec.commandLine().getOut();
        o.print(
                switch (kind) {
                    case TEXT -> text;
                    case CSV -> csv;
                    case JSON -> Json.write(json.get());
                });
        o.flush();
    }
}
