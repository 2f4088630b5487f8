package tradeoffs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;

/**
 * The one owner of how a command writes its result table: {@code --format csv|json} checked up
 * front, the text printed to stdout or written atomically to {@code --out} with a
 * {@code FILE.manifest.json} beside it, and the "wrote N rows" line on stderr. As a picocli mixin it
 * carries the {@code --format} and {@code --out} options (the classification subcommands use it);
 * {@code theory} and {@code simulate} declare the same two options with their own help text and call
 * the static methods.
 */
final class TableOutput {
    @Option(names = "--format", paramLabel = "FMT", description = "csv or json (default: ${DEFAULT-VALUE})")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE", description = "output file, written atomically with FILE.manifest.json (default: stdout)")
    Path out;

    /** The lower-cased format; checked before any work so bad input fails fast (exit 2 naming --format). */
    String format() {
        return format(format);
    }

    /** {@code raw} lower-cased if it is csv or json, else an IllegalArgumentException naming --format. */
    static String format(String raw) {
        String f = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new IllegalArgumentException("--format must be csv or json (got '" + raw + "')");
        }
        return f;
    }

    /**
     * Prints {@code text} to the command's stdout when {@code out} is null; else writes it atomically
     * to {@code out}, then {@code manifest} (unless null) to {@code out.manifest.json}, and reports
     * "wrote {@code rows} rows to {@code out}" on stderr (not flushed: the caller may add lines).
     */
    static void emit(CommandSpec spec, Path out, String text, int rows, Manifest manifest) {
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            AtomicFiles.writeString(out, text);
            if (manifest != null) {
                AtomicFiles.writeString(out.resolveSibling(out.getFileName() + ".manifest.json"), Json.write(manifest.toMap()));
            }
            spec.commandLine().getErr().println("wrote " + rows + " rows to " + out);
        }
    }

    /**
     * Writes the rows (column → value, in column order) in {@code format}. JSON: {command, parameters,
     * provenance, columns, rows}; the manifest (with --out) holds the parameters, the timing, the
     * output file name and the provenance. Then {@code note} on stderr.
     */
    void writeRows(CommandSpec spec, String command, List<String> columns, List<Map<String, Object>> rows,
            Map<String, Object> parameters, Map<String, String> provenance, double seconds, String note) {
        String text;
        if (format().equals("csv")) {
            ResultTable.Builder b = ResultTable.builder(columns);
            rows.forEach(b::row);
            text = b.build().toCsv();
        } else {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", command);
            root.put("parameters", parameters);
            root.put("provenance", provenance);
            root.put("columns", columns);
            List<Map<String, Object>> clean = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                clean.add(nanToNull(r));
            }
            root.put("rows", clean);
            text = Json.write(root);
        }
        Manifest m = null;
        if (out != null) {
            m = new Manifest(command);
            parameters.forEach(m::parameter);
            m.timing("compute_seconds", seconds);
            m.put("output", out.getFileName().toString());
            m.put("provenance", provenance);
        }
        emit(spec, out, text, rows.size(), m);
        PrintWriter err = spec.commandLine().getErr();
        err.println(note);
        err.flush();
    }

    /** A copy of the row with NaN cells as null: JSON has no NaN (e.g. theta of a constant classifier). */
    static Map<String, Object> nanToNull(Map<String, Object> row) {
        Map<String, Object> c = new LinkedHashMap<>(row);
        c.replaceAll((k, v) -> v instanceof Double d && d.isNaN() ? null : v);
        return c;
    }
}
