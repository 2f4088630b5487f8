package tradeoffs.io;

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
import tradeoffs.theory.ParameterException;

/**
 * Where a command's table goes: CSV or JSON, to standard output or atomically to a file with
 * {@code FILE.manifest.json} beside it and a "wrote N rows to FILE" line on standard error. Made
 * by {@link #of}, which checks the format and the file before any work (a {@link
 * ParameterException} about {@code format} or {@code out}), so bad input fails fast and nothing is
 * half-written.
 */
public final class TableSink {
    private final boolean csv;
    private final Path out;
    private final PrintWriter stdout;
    private final PrintWriter stderr;

    private TableSink(boolean csv, Path out, PrintWriter stdout, PrintWriter stderr) {
        this.csv = csv;
        this.out = out;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * A sink for {@code format} ({@code csv} or {@code json}, any case) and {@code out} (a writable
     * file path, not a folder, not empty, and so must its {@code FILE.manifest.json} be; null for
     * {@code stdout}); messages go to {@code stderr}.
     */
    public static TableSink of(String format, Path out, PrintWriter stdout, PrintWriter stderr) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new ParameterException("format", "must be csv or json", "'" + format + "'");
        }
        if (out != null) {
            OutputPath.requireFile("out", out);
            OutputPath.requireFile("out", manifestOf(out));
        }
        return new TableSink(f.equals("csv"), out, stdout, stderr);
    }

    /** Whether the output is CSV (else JSON). */
    public boolean csv() {
        return csv;
    }

    /** The output file, or null for standard output. */
    public Path out() {
        return out;
    }

    /** Where messages go (standard error). */
    public PrintWriter stderr() {
        return stderr;
    }

    /** {@code FILE.manifest.json} beside {@code file}. */
    public static Path manifestOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".manifest.json");
    }

    /**
     * Prints {@code text} to standard output when there is no file; else writes it atomically to
     * the file, then {@code manifest} (unless null) beside it, and reports "wrote {@code rows} rows
     * to FILE" on standard error (not flushed: the caller may add lines).
     */
    public void emit(String text, long rows, Manifest manifest) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicFiles.writeString(out, text);
            streamed(rows, manifest);
        }
    }

    /** With a file: writes {@code text} atomically to {@code FILE<suffix>} beside it (a side table); else nothing. */
    public void writeBeside(String suffix, String text) {
        if (out != null) {
            AtomicFiles.writeString(out.resolveSibling(out.getFileName() + suffix), text);
        }
    }

    /** Something that writes a whole table to a stream (spill files, if any, in {@code spillDir}) and returns its row count. */
    @FunctionalInterface
    public interface StreamedTable {
        long writeTo(OutputStream out, Path spillDir) throws IOException;
    }

    /**
     * Streams a table as it is computed: to standard output when there is no file, else to a
     * temporary file beside FILE that is renamed to FILE only once complete (a failed or
     * interrupted run leaves no FILE). Returns the row count; then call {@link #streamed} with the
     * manifest.
     */
    public long stream(StreamedTable table) {
        long[] rows = new long[1];
        if (out == null) {
            OutputStream o = new WriterStream(stdout);
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

    /** With a file: writes {@code manifest} (unless null) beside it and reports "wrote N rows to FILE". */
    public void streamed(long rows, Manifest manifest) {
        if (out != null) {
            if (manifest != null) {
                AtomicFiles.writeString(manifestOf(out), Json.write(manifest.toMap()));
            }
            stderr.println("wrote " + rows + " rows to " + out);
        }
    }

    /**
     * Writes the rows (column → value, in column order) in the chosen format. JSON: {command,
     * parameters, provenance, columns, rows} with NaN cells as null; with a file the manifest gets
     * the parameters, the timing, the output file name and the provenance. Then {@code note} on
     * standard error.
     */
    public void writeRows(
            Manifest manifest,
            List<String> columns,
            List<Map<String, Object>> rows,
            Map<String, Object> parameters,
            Map<String, String> provenance,
            double seconds,
            String note) {
        String text;
        if (csv) {
            ResultTable.Builder b = ResultTable.builder(columns);
            rows.forEach(b::row);
            text = b.build().toCsv();
        } else {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command", manifest.command());
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
        emit(text, rows.size(), m);
        stderr.println(note);
        stderr.flush();
    }

    /** A copy of the row with NaN cells as null: JSON has no NaN (e.g. theta of a constant classifier). */
    public static Map<String, Object> nanToNull(Map<String, Object> row) {
        Map<String, Object> c = new LinkedHashMap<>(row);
        c.replaceAll((k, v) -> v instanceof Double d && d.isNaN() ? null : v);
        return c;
    }

    /** UTF-8 bytes onto a character writer (standard output), decoding across chunk boundaries. */
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
