package tradeoffs.theory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A reference fixture of {@code src/test/resources/reference/}: values computed outside the
 * project (mpmath at high precision) by the scripts in {@code src/test/python/}, whose header
 * says how. Lines starting with '#' are comments; the first other line names the columns.
 */
public final class ReferenceTable {
    private final String name;
    private final List<String> columns;
    private final List<Row> rows;

    private ReferenceTable(String name, List<String> columns, List<Row> rows) {
        this.name = name;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads {@code /reference/<name>} from the test class path. */
    public static ReferenceTable load(String name) {
        InputStream in = ReferenceTable.class.getResourceAsStream("/reference/" + name);
        if (in == null) {
            throw new IllegalStateException("missing reference fixture " + name);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> cols = null;
            List<String[]> cells = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (cols == null) {
                    cols = List.of(parts);
                } else if (parts.length != cols.size()) {
                    throw new IllegalStateException(
                            name + ": row has " + parts.length + " cells, header " + cols.size());
                } else {
                    cells.add(parts);
                }
            }
            if (cols == null || cells.isEmpty()) {
                throw new IllegalStateException(name + " has no rows");
            }
            ReferenceTable t = new ReferenceTable(name, cols, new ArrayList<>());
            for (String[] c : cells) {
                t.rows.add(t.new Row(c));
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All rows. */
    public List<Row> rows() {
        return rows;
    }

    /** The rows that pass {@code filter}; throws if none does (a test must exercise something). */
    public List<Row> rows(Predicate<Row> filter) {
        List<Row> out = rows.stream().filter(filter).toList();
        if (out.isEmpty()) {
            throw new IllegalStateException(name + ": no row matches the filter");
        }
        return out;
    }

    /** One row of a fixture. */
    public final class Row {
        private final String[] cells;

        private Row(String[] cells) {
            this.cells = cells;
        }

        private int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException(name + " has no column " + column + " (columns " + columns + ")");
            }
            return i;
        }

        /** The cell as text. */
        public String text(String column) {
            return cells[index(column)];
        }

        /** The cell as a double (the correctly rounded value of the decimal text). */
        public double num(String column) {
            return Double.parseDouble(text(column));
        }

        /** The cell as an int. */
        public int integer(String column) {
            return Integer.parseInt(text(column));
        }

        /** A ';'-separated list of numbers; {@code uniform*u} with {@code length} gives that many u's. */
        public double[] vector(String column, int length) {
            String t = text(column);
            if (t.startsWith("uniform*")) {
                double[] v = new double[length];
                Arrays.fill(v, Double.parseDouble(t.substring("uniform*".length())));
                return v;
            }
            return Arrays.stream(t.split(";")).mapToDouble(Double::parseDouble).toArray();
        }

        /** A ';'-separated list of numbers. */
        public double[] vector(String column) {
            return Arrays.stream(text(column).split(";"))
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        }

        /** A ';'-separated d×d matrix in row-major order. */
        public double[][] matrix(String column) {
            double[] flat = vector(column);
            int d = (int) Math.round(Math.sqrt(flat.length));
            if (d * d != flat.length) {
                throw new IllegalArgumentException(column + " is not a square matrix (" + flat.length + " entries)");
            }
            double[][] m = new double[d][d];
            for (int i = 0; i < d; i++) {
                m[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            }
            return m;
        }

        /** The row as column=value pairs, for assertion messages. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name).append('[');
            for (int i = 0; i < cells.length; i++) {
                b.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(cells[i]);
            }
            return b.append(']').toString();
        }
    }
}
