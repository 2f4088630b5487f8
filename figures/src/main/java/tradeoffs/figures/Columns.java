package tradeoffs.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tradeoffs.io.ResultTable;

/** Small table helpers the figures share: sorted (x, y) pairs, numeric distinct values, labels. */
public final class Columns {
    private Columns() {}

    /** Rows with finite x and y, sorted by x: {@code [x[], y[], rowIndex[]]} (row indices as doubles). */
    public static double[][] sortedXY(ResultTable t, String xCol, String yCol) {
        double[] x = t.doubles(xCol);
        double[] y = t.doubles(yCol);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble(i -> x[i]));
        double[][] out = new double[3][idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            out[0][k] = x[idx.get(k)];
            out[1][k] = y[idx.get(k)];
            out[2][k] = idx.get(k);
        }
        return out;
    }

    /** Distinct finite values of a numeric column, ascending. */
    public static double[] distinctSorted(ResultTable t, String col) {
        return Arrays.stream(t.doubles(col))
                .filter(Double::isFinite)
                .distinct()
                .sorted()
                .toArray();
    }

    /** The rows whose numeric cell in {@code col} equals {@code value} to 1e-9 relative. */
    public static ResultTable whereNear(ResultTable t, String col, double value) {
        return t.where(col, s -> {
            if (s.isEmpty()) {
                return false;
            }
            double v = Double.parseDouble(s);
            return Math.abs(v - value) <= 1e-9 * Math.max(1.0, Math.abs(value));
        });
    }

    /** A compact number for legends: up to 3 significant decimals, minus sign as U+2212. */
    public static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s.replace('-', '\u2212');
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.replace('-', '\u2212');
    }
}
