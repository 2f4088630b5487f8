package tradeoffs.report.evidence;

import java.util.Locale;

/** Number formatting for report text. */
final class Fmt {
    private Fmt() {}

    /** Four significant digits, plain notation when reasonable. */
    static String g(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return Long.toString((long) v);
        }
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
