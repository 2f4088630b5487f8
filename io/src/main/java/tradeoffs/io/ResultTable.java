package tradeoffs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A results table: named columns and rows of cells, stored as CSV (RFC 4180 quoting, header row
 * first). This is the hand-off format between the computing modules and the figures and
 * reports: every figure can be redrawn from the CSV files of a results folder alone.
 *
 * <p>Numbers are written with {@link #format(double)}: shortest round-trip decimal
 * ({@link Double#toString}), so reading a table back gives the same doubles bit for bit.
 */
public final class ResultTable {
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<List<String>> rows;

    /** A table with the given header and rows; every row must have one cell per column. */
    public ResultTable(List<String> columns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        this.index = new LinkedHashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate column '" + this.columns.get(i) + "'");
            }
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != this.columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + this.columns.size()
                        + " (" + this.columns + ")");
            }
            copy.add(List.copyOf(row));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    /** Starts a table with these columns. */
    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    /** Starts a table with these columns. */
    public static Builder builder(List<String> columns) {
        return new Builder(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The cell of {@code row} in column {@code name}. */
    public String get(int row, String name) {
        return rows.get(row).get(col(name));
    }

    /** The cell of {@code row} in column {@code name}, as a double (empty cell: NaN). */
    public double getDouble(int row, String name) {
        return parse(get(row, name));
    }

    /** A whole column as strings. */
    public List<String> strings(String name) {
        int c = col(name);
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            out.add(r.get(c));
        }
        return out;
    }

    /** A whole column as doubles (empty cells are NaN). */
    public double[] doubles(String name) {
        int c = col(name);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(rows.get(i).get(c));
        }
        return out;
    }

    /** Distinct values of a column, in order of first appearance. */
    public List<String> distinct(String name) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(strings(name)));
    }

    /** The rows whose cell in column {@code name} satisfies {@code test}. */
    public ResultTable where(String name, Predicate<String> test) {
        int c = col(name);
        List<List<String>> kept = new ArrayList<>();
        for (List<String> r : rows) {
            if (test.test(r.get(c))) {
                kept.add(r);
            }
        }
        return new ResultTable(columns, kept);
    }

    /** This table with constant columns in front: {@code lead}'s keys, each cell its value. */
    public ResultTable withLeading(Map<String, ?> lead) {
        List<String> cols = new ArrayList<>(lead.keySet());
        cols.addAll(columns);
        Builder b = builder(cols);
        for (List<String> r : rows) {
            List<Object> row = new ArrayList<>(lead.values());
            row.addAll(r);
            b.row(row.toArray());
        }
        return b.build();
    }

    /** The rows whose cell in column {@code name} equals {@code value}. */
    public ResultTable where(String name, String value) {
        return where(name, value::equals);
    }

    private int col(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "' in table " + columns);
        }
        return c;
    }

    /** Shortest decimal that reads back to the same double; NaN as empty cell. */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        return Double.toString(x);
    }

    private static double parse(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + s + "'", e);
        }
    }

    /** The table as CSV text with a header row and '\n' line ends. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, columns);
        for (List<String> r : rows) {
            appendRow(sb, r);
        }
        return sb.toString();
    }

    /** Writes the CSV atomically (temporary file, then rename). */
    public void writeCsv(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Reads a CSV file written by {@link #writeCsv} (or any RFC 4180 CSV with a header). */
    public static ResultTable readCsv(Path file) {
        try {
            return parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("malformed table " + file + ": not UTF-8 text (binary?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read table " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text with a header row. */
    public static ResultTable parseCsv(String text) {
        List<List<String>> records = CsvParser.parse(text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("empty CSV: no header row");
        }
        return new ResultTable(records.get(0), records.subList(1, records.size()));
    }

    static void appendRow(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendCell(sb, cells.get(i));
        }
        sb.append('\n');
    }

    /** Appends one cell's text, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static void appendCell(StringBuilder sb, String c) {
        if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
            sb.append('"').append(c.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(c);
        }
    }

    /** A value as its cell's text: null as empty, numbers with {@link #format(double)}, else {@code toString}. */
    public static String cell(Object c) {
        if (c == null) {
            return "";
        }
        if (c instanceof Double d) {
            return format(d);
        }
        if (c instanceof Float f) {
            return format(f.doubleValue());
        }
        return c.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultTable t && t.columns.equals(columns) && t.rows.equals(rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    @Override
    public String toString() {
        return "ResultTable" + columns + " with " + rows.size() + " rows";
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            this.columns = List.copyOf(columns);
        }

        /** Adds a row; numbers are formatted with {@link ResultTable#format(double)}. */
        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>(cells.length);
            for (Object c : cells) {
                r.add(cell(c));
            }
            rows.add(r);
            return this;
        }

        /** Adds a row given as column → value; missing columns are empty. */
        public Builder row(Map<String, ?> cells) {
            for (String k : cells.keySet()) {
                if (!columns.contains(k)) {
                    throw new IllegalArgumentException("no column '" + k + "' in " + columns);
                }
            }
            List<String> r = new ArrayList<>(columns.size());
            for (String c : columns) {
                r.add(cells.containsKey(c) ? cell(cells.get(c)) : "");
            }
            rows.add(r);
            return this;
        }

        public ResultTable build() {
            return new ResultTable(columns, rows);
        }
    }
}
