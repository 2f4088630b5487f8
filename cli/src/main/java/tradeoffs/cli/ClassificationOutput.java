package tradeoffs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
 * The {@code --format} and {@code --out} options of the classification subcommands (a picocli mixin)
 * and the writer: CSV or JSON to stdout or, atomically, to {@code --out} with a
 * {@code <out>.manifest.json} beside it.
 */
final class ClassificationOutput {
    @Option(names = "--format", paramLabel = "FMT", description = "csv or json (default: ${DEFAULT-VALUE})")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE", description = "output file, written atomically with FILE.manifest.json (default: stdout)")
    Path out;

    /** The lower-cased format; checked before any work so bad input fails fast (exit 2 naming --format). */
    String format() {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new IllegalArgumentException("--format must be csv or json (got '" + format + "')");
        }
        return f;
    }

    /**
     * Writes the rows (column → value, in column order) in {@code format}. JSON: {command, parameters,
     * provenance, columns, rows}.
     */
    void write(CommandSpec spec, String command, List<String> columns, List<Map<String, Object>> rows,
            Map<String, Object> parameters, Map<String, String> provenance, double seconds) {
        String format = format();
        String text;
        if (format.equals("csv")) {
            ResultTable.Builder b = ResultTable.builder(columns);
            rows.forEach(b::row);
            text = b.build().toCsv();
        } else {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", command);
            root.put("parameters", parameters);
            root.put("provenance", provenance);
            root.put("columns", columns);
            // JSON has no NaN: undefined cells (e.g. theta of a constant classifier) become null
            List<Map<String, Object>> clean = new java.util.ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> c = new LinkedHashMap<>(r);
                c.replaceAll((k, v) -> v instanceof Double d && d.isNaN() ? null : v);
                clean.add(c);
            }
            root.put("rows", clean);
            text = Json.write(root);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            AtomicFiles.writeString(out, text);
            Manifest m = new Manifest(command);
            parameters.forEach(m::parameter);
            m.timing("compute_seconds", seconds);
            m.put("output", out.getFileName().toString());
            m.put("provenance", provenance);
            AtomicFiles.writeString(out.resolveSibling(out.getFileName() + ".manifest.json"), Json.write(m.toMap()));
            err.println("wrote " + rows.size() + " rows to " + out);
        }
        err.println("note: every formula is [derived] for this project (THEORY.md; docs/classification.md), not quoted from the papers");
        err.flush();
    }

    /** A grid of values in [lo, hi] (TheoryGrid syntax), with the flag and the range in the message. */
    static double[] grid(String flag, String text, double lo, double hi) {
        double[] g = TheoryGrid.parse(flag, text, Double.NEGATIVE_INFINITY);
        for (double v : g) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(flag + " values must be in [" + num(lo) + ", " + num(hi) + "] (got " + num(v) + ")");
            }
        }
        return g;
    }

    static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
