package tradeoffs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a CSV table row by row to a byte stream, with the bytes {@link ResultTable#toCsv} gives
 * for the same cells: RFC 4180 quoting, '\n' line ends, numbers as {@link ResultTable#format(double)}
 * (NaN as an empty cell, else the digits of {@link Double#toString}). Numbers are appended with
 * {@link StringBuilder#append(double)}, which produces the same characters as
 * {@code Double.toString} (the JDK formats both with one routine) without a String per number.
 * Rows are buffered up to about 64 KiB and then written out, so memory does not grow with the
 * number of rows. Not thread-safe: one writer per stream.
 */
public final class CsvWriter {
    private static final int FLUSH_AT = 1 << 16;
    private final OutputStream out;
    private final StringBuilder sb = new StringBuilder(FLUSH_AT + 1024);
    private boolean inRow;
    private long rows;

    /** A writer onto {@code out} (not closed by this writer). */
    public CsvWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the header row (not counted in {@link #rows()}). */
    public CsvWriter header(List<String> columns) {
        for (String c : columns) {
            text(c);
        }
        sb.append('\n');
        inRow = false;
        return this;
    }

    /** A number cell: empty for NaN, else the digits of {@link Double#toString}. */
    public CsvWriter number(double x) {
        separate();
        if (!Double.isNaN(x)) {
            sb.append(x);
        }
        return this;
    }

    /** A text cell, quoted when it holds a comma, a quote or a line break. */
    public CsvWriter text(String s) {
        separate();
        ResultTable.appendCell(sb, s);
        return this;
    }

    /**
     * Cells already rendered as CSV (see {@link #render}), e.g. parameters repeated on every row,
     * rendered once.
     */
    public CsvWriter rendered(String cells) {
        separate();
        sb.append(cells);
        return this;
    }

    /** Ends the current row; writes the buffer out once it is large. */
    public void endRow() throws IOException {
        sb.append('\n');
        inRow = false;
        rows++;
        if (sb.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Rows ended so far (the header not counted). */
    public long rows() {
        return rows;
    }

    /** Writes out what is buffered (and flushes the stream). */
    public void flush() throws IOException {
        if (sb.length() > 0) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
        }
        out.flush();
    }

    /** Values rendered as consecutive CSV cells ({@link ResultTable#cell}, quoted as needed), for {@link #rendered}. */
    public static String render(List<?> values) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                r.append(',');
            }
            ResultTable.appendCell(r, ResultTable.cell(values.get(i)));
        }
        return r.toString();
    }

    private void separate() {
        if (inRow) {
            sb.append(',');
        }
        inRow = true;
    }
}
