package tradeoffs.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import tradeoffs.theory.ParameterException;

/**
 * A grid of numbers as the user writes it, for the command line and sweep configs: one value
 * ({@code 0.3}), a fraction ({@code 8/255}), a comma list ({@code 0,4/255,8/255}) or a range
 * {@code start:stop:step} with both ends included when on the grid ({@code 0:1:0.25} → 0, 0.25,
 * 0.5, 0.75, 1; {@code 0:8/255:2/255} → 0, 2/255, …, 8/255). Range points are computed exactly
 * (start + i·step as fractions, Commons Math {@link BigFraction}) and rounded once, so
 * {@code 0:1:0.1} gives 0.3, not 0.30000000000000004. Bad text is a {@link ParameterException}
 * naming the parameter the caller gives (the caller renames it to a flag or a config key).
 *
 * @param text the grid as written
 * @param values its points, in the order written
 */
public record Grid(String text, double[] values) {
    /** The largest grid accepted, range or list (a guard against typos such as a step of 1e-9). */
    public static final int MAX_POINTS = 1_000_000;
    /** The largest decimal exponent of a number in a grid (doubles end near 1e308). */
    private static final int MAX_EXPONENT = 400;
    private static final String USAGE = "must be a number, a fraction p/q, a comma list or start:stop:step";

    public Grid {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Parses {@code text}; every point must be finite. */
    public static Grid parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new ParameterException(parameter, USAGE, "an empty value");
        }
        String t = text.trim();
        List<Double> out = new ArrayList<>();
        if (t.contains(":")) {
            String[] parts = t.split(":", -1);
            if (parts.length != 3) {
                throw new ParameterException(parameter, USAGE, "'" + text + "'");
            }
            BigFraction start = fraction(parameter, parts[0], text);
            BigFraction stop = fraction(parameter, parts[1], text);
            BigFraction step = fraction(parameter, parts[2], text);
            if (step.compareTo(BigFraction.ZERO) <= 0) {
                throw new ParameterException(parameter, "step must be > 0", "'" + text + "'");
            }
            if (stop.compareTo(start) < 0) {
                throw new ParameterException(parameter, "stop must be >= start", "'" + text + "'");
            }
            BigFraction span = stop.subtract(start).divide(step);
            BigInteger count = span.getNumerator().divide(span.getDenominator());
            if (count.compareTo(BigInteger.valueOf(MAX_POINTS)) >= 0) {
                throw new ParameterException(parameter, "has more than " + MAX_POINTS + " points", "'" + text + "'");
            }
            for (long i = 0; i <= count.longValueExact(); i++) {
                out.add(toDouble(start.add(step.multiply(i))));
            }
        } else {
            String[] parts = t.split(",", -1);
            if (parts.length > MAX_POINTS) {
                throw new ParameterException(parameter, "has more than " + MAX_POINTS + " points", parts.length + " values");
            }
            for (String part : parts) {
                out.add(toDouble(fraction(parameter, part, text)));
            }
        }
        double[] g = out.stream().mapToDouble(Double::doubleValue).toArray();
        for (double v : g) {
            if (!Double.isFinite(v)) {
                throw new ParameterException(parameter, "values must be finite", "'" + text + "'");
            }
        }
        return new Grid(text, g);
    }

    /** This grid, after checking that every point is at least {@code min}. */
    public Grid atLeast(String parameter, double min) {
        for (double v : values) {
            if (v < min) {
                throw new ParameterException(parameter, "values must be >= " + number(min), number(v));
            }
        }
        return this;
    }

    /** This grid, after checking that every point is in [lo, hi]. */
    public Grid within(String parameter, double lo, double hi) {
        for (double v : values) {
            if (v < lo || v > hi) {
                throw new ParameterException(parameter, "values must be in [" + number(lo) + ", " + number(hi) + "]",
                        number(v));
            }
        }
        return this;
    }

    /** The points in ascending order. */
    public double[] ascending() {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** {@code x} as a message shows it: integers without ".0". */
    public static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** A decimal ({@code 0.25}, {@code 1e-3}) or a fraction of two decimals ({@code 8/255}), exactly. */
    private static BigFraction fraction(String parameter, String s, String whole) {
        String[] pq = s.trim().split("/", -1);
        try {
            if (pq.length == 1) {
                return decimal(pq[0]);
            }
            if (pq.length == 2) {
                BigFraction q = decimal(pq[1]);
                if (q.compareTo(BigFraction.ZERO) == 0) {
                    throw new ParameterException(parameter, "must not divide by 0", "'" + whole + "'");
                }
                return decimal(pq[0]).divide(q);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(parameter, USAGE, "'" + whole + "'");
    }

    /**
     * The double nearest to {@code f}: exact decimal division when f is a terminating decimal (so a
     * decimal input gives exactly {@code Double.parseDouble} of its text), else 34 digits first.
     */
    private static double toDouble(BigFraction f) {
        java.math.BigDecimal p = new java.math.BigDecimal(f.getNumerator());
        java.math.BigDecimal q = new java.math.BigDecimal(f.getDenominator());
        try {
            return p.divide(q).doubleValue();
        } catch (ArithmeticException nonTerminating) {
            return p.divide(q, java.math.MathContext.DECIMAL128).doubleValue();
        }
    }

    private static BigFraction decimal(String s) {
        java.math.BigDecimal d = new java.math.BigDecimal(s.trim());
        // beyond double's range anyway; exact fractions of such exponents would take forever
        if (Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT || Math.abs((long) d.scale()) > 2 * MAX_EXPONENT) {
            throw new NumberFormatException("exponent out of range");
        }
        return d.scale() >= 0 ? new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                : new BigFraction(d.toBigIntegerExact());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.text.equals(text) && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return text;
    }
}
