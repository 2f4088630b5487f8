package tradeoffs.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResultTable} as JSON-ready maps (JSON has no NaN: undefined cells are null), in two
 * readings of the CSV text: {@link #of} types each column (a column whose cells all read as finite
 * numbers holds numbers), {@link #rows} types each cell by itself (numbers, true/false, text).
 */
public final class TableJson {
    private TableJson() {}

    /**
     * {columns, rows}, each row an object in column order; a column whose non-empty cells all read
     * as finite numbers holds numbers (whole numbers as integers), an empty cell is null.
     */
    public static Map<String, Object> of(ResultTable t) {
        List<String> cols = t.columns();
        boolean[] numeric = new boolean[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            numeric[c] = true;
            for (List<String> r : t.rows()) {
                if (!r.get(c).isEmpty() && !isFinite(r.get(c))) {
                    numeric[c] = false;
                    break;
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < cols.size(); c++) {
                String cell = r.get(c);
                row.put(cols.get(c), cell.isEmpty() ? null : numeric[c] ? number(cell) : cell);
            }
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", cols);
        m.put("rows", rows);
        return m;
    }

    /**
     * The rows as maps, each cell typed by itself: a number as a double, {@code true}/{@code
     * false} as a boolean, empty and NaN cells as null, anything else as text.
     */
    public static List<Map<String, Object>> rows(ResultTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> row : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                m.put(t.columns().get(c), cell(row.get(c)));
            }
            out.add(m);
        }
        return out;
    }

    private static Object cell(String v) {
        if (v.isEmpty() || v.equals("NaN")) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static boolean isFinite(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Number number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Double.parseDouble(s);
        }
    }
}
