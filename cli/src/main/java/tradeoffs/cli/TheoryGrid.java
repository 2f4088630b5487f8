package tradeoffs.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a numeric grid flag: one value ("0.3"), a comma list ("0,0.1,0.5") or a range
 * "start:stop:step" with both ends included when on the grid ("0:1:0.25" → 0, 0.25, 0.5, 0.75, 1).
 * Range points are computed in decimal (start + i·step exactly), so "0:1:0.1" gives 0.3, not
 * 0.30000000000000004. Bad text is an IllegalArgumentException naming the flag (exit 2).
 */
public final class TheoryGrid {
    /** The largest grid accepted (a guard against typos such as a step of 1e-9). */
    public static final int MAX_POINTS = 1_000_000;

    private TheoryGrid() {
    }

    /** The grid of {@code text} with every value in [lo, hi]; the message names the flag and the range. */
    public static double[] parseWithin(String flag, String text, double lo, double hi) {
        double[] g = parse(flag, text, Double.NEGATIVE_INFINITY);
        for (double v : g) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(flag + " values must be in [" + num(lo) + ", " + num(hi) + "] (got " + num(v) + ")");
            }
        }
        return g;
    }

    /** {@code x} as a message shows it: integers without ".0". */
    public static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** The grid of {@code text}; every value must be finite and at least {@code min}. */
    public static double[] parse(String flag, String text, double min) {
        String usage = flag + " must be a number, a comma list or start:stop:step";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(usage + " (got an empty value)");
        }
        List<Double> out = new ArrayList<>();
        String t = text.trim();
        if (t.contains(":")) {
            String[] parts = t.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(usage + " (got '" + text + "')");
            }
            BigDecimal start = decimal(usage, parts[0], text);
            BigDecimal stop = decimal(usage, parts[1], text);
            BigDecimal step = decimal(usage, parts[2], text);
            if (step.signum() <= 0) {
                throw new IllegalArgumentException(flag + " step must be > 0 (got '" + text + "')");
            }
            if (stop.compareTo(start) < 0) {
                throw new IllegalArgumentException(flag + " stop must be >= start (got '" + text + "')");
            }
            BigDecimal count = stop.subtract(start).divide(step, java.math.MathContext.DECIMAL64);
            if (count.compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
                throw new IllegalArgumentException(flag + " has more than " + MAX_POINTS + " points (got '" + text + "')");
            }
            for (BigDecimal x = start; x.compareTo(stop) <= 0; x = x.add(step)) {
                out.add(x.doubleValue());
            }
        } else {
            for (String part : t.split(",", -1)) {
                out.add(decimal(usage, part, text).doubleValue());
            }
        }
        double[] g = new double[out.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = out.get(i);
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException(flag + " values must be finite (got '" + text + "')");
            }
            if (g[i] < min) {
                throw new IllegalArgumentException(flag + " values must be >= " + fmt(min) + " (got " + fmt(g[i]) + ")");
            }
        }
        return g;
    }

    private static BigDecimal decimal(String usage, String s, String whole) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage + " (got '" + whole + "')");
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
