package tradeoffs.sweep;

import static tradeoffs.io.schema.ColumnNames.CONFIG_SHA256;
import static tradeoffs.io.schema.ColumnNames.POINT_ROWS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.InputFile;
import tradeoffs.io.ResultTable;

/**
 * The file of one finished sweep point, {@code points/<kind>/<id>.csv}: the point's rows (its
 * parameter cells, then the kind's columns) followed by two check columns that the kind's table
 * does not carry: {@code config_sha256} (the {@link SweepConfig#digest} of the config it was
 * computed for) and {@code point_rows} (how many rows the point has). With them a file can be
 * checked on its own against the config before a merge or a resume trusts it: header, row count,
 * point id and parameters, config. Files are written atomically, so a damaged one comes from
 * elsewhere (a copy, an edit, a file of another sweep).
 */
public final class PointFile {
    private PointFile() {}

    /** A point file that does not belong to the point it stands for; the message names the file and what is wrong. */
    public static final class Damaged extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Damaged(Path file, String why) {
            super("point file " + file + " " + why
                    + "; rerun the sweep on its folder to recompute it (or remove the file)");
        }
    }

    /** The columns of the kind's table: the config's parameter columns, then the runner's. */
    public static List<String> tableColumns(SweepConfig config, PointRunner runner) {
        List<String> cols = new ArrayList<>(config.parameterColumns());
        cols.addAll(runner.columns());
        return cols;
    }

    /** The columns of a point file: the table's, then config_sha256 and point_rows. */
    public static List<String> fileColumns(SweepConfig config, PointRunner runner) {
        List<String> cols = tableColumns(config, runner);
        cols.add(CONFIG_SHA256);
        cols.add(POINT_ROWS);
        return cols;
    }

    /** The point file of {@code rows} (each the runner's cells) at point {@code p}. */
    static ResultTable of(SweepConfig config, PointRunner runner, SweepPoint p, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("sweep kind " + p.kind() + " returned no rows for " + p.id());
        }
        ResultTable.Builder b = ResultTable.builder(fileColumns(config, runner));
        for (List<Object> out : rows) {
            List<Object> row = parameterCells(p);
            row.addAll(out);
            row.add(config.digest());
            row.add(rows.size());
            b.row(row.toArray());
        }
        return b.build();
    }

    /** The cells every row of point {@code p} starts with: id, model, parameters. */
    private static List<Object> parameterCells(SweepPoint p) {
        List<Object> row = new ArrayList<>();
        row.add(p.id());
        row.add(p.model());
        row.addAll(p.parameters().values());
        return row;
    }

    /**
     * The rows of point {@code p} in {@code file} as the kind's table holds them (without the
     * check columns), after checking the file: UTF-8 CSV, the header of this config and kind, at
     * least one row, every row the point's id and parameters, this config's digest and the row
     * count it says. Anything else is {@link Damaged}.
     */
    public static List<List<String>> read(Path file, SweepConfig config, PointRunner runner, SweepPoint p) {
        String text;
        try {
            text = InputFile.strictUtf8(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            throw new Damaged(file, "is not UTF-8 text (binary?)");
        } catch (NoSuchFileException e) {
            throw new Damaged(file, "is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            throw new Damaged(file, "is empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new Damaged(file, "is binary (NUL characters)");
        }
        ResultTable t;
        try {
            t = ResultTable.parseCsv(text);
        } catch (IllegalArgumentException e) {
            throw new Damaged(file, "is not a whole CSV table (" + e.getMessage() + ")");
        }
        List<String> expected = fileColumns(config, runner);
        if (!t.columns().equals(expected)) {
            throw new Damaged(
                    file,
                    "has the header " + abbreviate(t.columns()) + ", not this sweep's " + p.kind() + " header "
                            + abbreviate(expected));
        }
        if (t.size() == 0) {
            throw new Damaged(file, "has no rows");
        }
        List<String> prefix = ResultTable.builder(config.parameterColumns())
                .row(parameterCells(p).toArray())
                .build()
                .rows()
                .get(0);
        int n = expected.size();
        String digest = config.digest();
        List<List<String>> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            List<String> row = t.rows().get(r);
            if (!row.get(n - 2).equals(digest)) {
                throw new Damaged(
                        file,
                        "was computed for another sweep config (config_sha256 " + abbreviate(row.get(n - 2))
                                + ", this config's is " + abbreviate(digest) + ")");
            }
            if (!row.get(n - 1).equals(Integer.toString(t.size()))) {
                throw new Damaged(
                        file, "has " + t.size() + " rows but says " + row.get(n - 1) + " (rows lost or repeated)");
            }
            if (!row.subList(0, prefix.size()).equals(prefix)) {
                throw new Damaged(
                        file,
                        "row " + (r + 1) + " is not point " + p.id() + " of this grid (its parameters "
                                + abbreviate(row.subList(0, prefix.size())) + ", expected " + abbreviate(prefix) + ")");
            }
            rows.add(row.subList(0, n - 2));
        }
        return rows;
    }

    /** Whether {@code file} is a whole, valid point file of {@code p} (a rerun skips it). */
    static boolean isFinished(Path file, SweepConfig config, PointRunner runner, SweepPoint p) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            read(file, config, runner, p);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
