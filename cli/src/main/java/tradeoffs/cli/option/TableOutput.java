package tradeoffs.cli.option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import tradeoffs.io.OutputPath;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;

/**
 * {@code --format csv|json} and {@code --out FILE} (a picocli mixin of every command that prints a
 * table): the format checked up front, the text printed to stdout or written atomically to
 * {@code --out} with a {@code FILE.manifest.json} beside it, and the "wrote N rows" line on stderr.
 */
public final class TableOutput {
    @Option(names = "--format", paramLabel = "FMT", description = "csv or json (default: ${DEFAULT-VALUE})")
    String format = "csv";

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "output file, written atomically, with FILE.manifest.json (default: stdout)")
    Path out;

    /** The lower-cased format; checked before any work so bad input fails fast (exit 2 naming --format). */
    public String format() {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new ParameterException("format", "must be csv or json", "'" + format + "'");
        }
        return f;
    }

    /**
     * The format and the output file checked before any work: {@code --out} must be a writable
     * file path (not a folder, not empty), and so must its {@code FILE.manifest.json}.
     */
    public void validate() {
        format();
        if (out != null) {
            OutputPath.requireFile("out", out);
            OutputPath.requireFile("out", out.resolveSibling(out.getFileName() + ".manifest.json"));
        }
    }

    /** Whether the output is CSV. */
    public boolean csv() {
        return format().equals("csv");
    }

    /** The output file, or null for stdout. */
    public Path out() {
        return out;
    }

    /**
     * Prints {@code text} to the command's stdout when there is no {@code --out}; else writes it
     * atomically to the file, then {@code manifest} (unless null) to {@code FILE.manifest.json},
     * and reports "wrote {@code rows} rows to FILE" on stderr (not flushed: the caller may add lines).
     */
    public void emit(CommandSpec spec, String text, int rows, Manifest manifest) {
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            AtomicFiles.writeString(out, text);
            if (manifest != null) {
                AtomicFiles.writeString(
                        out.resolveSibling(out.getFileName() + ".manifest.json"), Json.write(manifest.toMap()));
            }
            spec.commandLine().getErr().println("wrote " + rows + " rows to " + out);
        }
    }

    /** Something that writes a whole table to a stream (spill files, if any, in {@code spillDir}) and returns its row count. */
    @FunctionalInterface
    public interface StreamedTable {
        long writeTo(OutputStream out, Path spillDir) throws IOException;
    }

    /**
     * Streams a table as it is computed: to the command's stdout when there is no {@code --out},
     * else to a temporary file beside FILE that is renamed to FILE only once complete (a failed or
     * interrupted run leaves no FILE). Returns the row count; the caller then calls
     * {@link #streamed} with the manifest.
     */
    public long stream(CommandSpec spec, StreamedTable table) {
        long[] rows = new long[1];
        if (out == null) {
            OutputStream o = new WriterStream(spec.commandLine().getOut());
            try {
                rows[0] = table.writeTo(o, Path.of(System.getProperty("java.io.tmpdir")));
                o.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to stdout: " + e.getMessage(), e);
            }
        } else {
            Path dir = out.toAbsolutePath().getParent();
            AtomicFiles.write(out, os -> {
                BufferedOutputStream b = new BufferedOutputStream(os, 1 << 16);
                rows[0] = table.writeTo(b, dir);
                b.flush();
            });
        }
        return rows[0];
    }

    /** After {@link #stream}: with {@code --out}, writes {@code manifest} (unless null) beside FILE and reports "wrote N rows". */
    public void streamed(CommandSpec spec, long rows, Manifest manifest) {
        if (out != null) {
            if (manifest != null) {
                AtomicFiles.writeString(
                        out.resolveSibling(out.getFileName() + ".manifest.json"), Json.write(manifest.toMap()));
            }
            spec.commandLine().getErr().println("wrote " + rows + " rows to " + out);
        }
    }

    /**
     * Writes the rows (column → value, in column order) in the chosen format. JSON: {command,
     * parameters, provenance, columns, rows}; the manifest (with --out; started by the command,
     * {@link CommandManifest}) gets the parameters, the timing, the output file name and the
     * provenance. Then {@code note} on stderr.
     */
    public void writeRows(
            CommandSpec spec,
            Manifest manifest,
            List<String> columns,
            List<Map<String, Object>> rows,
            Map<String, Object> parameters,
            Map<String, String> provenance,
            double seconds,
            String note) {
        String command = manifest.command();
        String text;
        if (csv()) {
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
            m = manifest;
            parameters.forEach(m::parameter);
            m.timing("compute_seconds", seconds);
            m.put("output", out.getFileName().toString());
            m.put("provenance", provenance);
        }
        emit(spec, text, rows.size(), m);
        PrintWriter err = spec.commandLine().getErr();
        err.println(note);
        err.flush();
    }

    /** A copy of the row with NaN cells as null: JSON has no NaN (e.g. theta of a constant classifier). */
    public static Map<String, Object> nanToNull(Map<String, Object> row) {
        Map<String, Object> c = new LinkedHashMap<>(row);
        c.replaceAll((k, v) -> v instanceof Double d && d.isNaN() ? null : v);
        return c;
    }

    /** UTF-8 bytes onto a character writer (the command's stdout), decoding across chunk boundaries. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(1 << 14);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ByteBuffer in;
            if (pending.hasRemaining()) {
                in = ByteBuffer.allocate(pending.remaining() + len);
                in.put(pending).put(b, off, len).flip();
            } else {
                in = ByteBuffer.wrap(b, off, len);
            }
            CoderResult r;
            do {
                r = decoder.decode(in, chars, false); // underflow leaves a split character's first bytes in `in`
                chars.flip();
                writer.append(chars);
                chars.clear();
            } while (r.isOverflow());
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
