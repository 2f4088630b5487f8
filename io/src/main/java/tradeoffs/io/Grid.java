package tradeoffs.io;

import java.math.BigInteger;
import java.util.Arrays;
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
 * <p>A range is not stored point by point: {@link #get(int)} computes its i-th point on demand
 * (a range of decimals in one double division, which is exact rounding of the same fraction), so
 * a command that streams its rows ({@code theory}) can take up to {@link #MAX_STREAMED_POINTS}
 * points in constant memory. {@link #values()} materialises the points and accepts at most
 * {@link #MAX_POINTS}.
 */
public final class Grid {
    /** The largest grid {@link #values()} materialises (a guard against typos such as a step of 1e-9). */
    public static final int MAX_POINTS = 1_000_000;
    /** The largest range accepted at all: points are addressed by an int index. */
    public static final int MAX_STREAMED_POINTS = Integer.MAX_VALUE - 1;
    /** The largest decimal exponent of a number in a grid (doubles end near 1e308). */
    private static final int MAX_EXPONENT = 400;

    private static final String USAGE = "must be a number, a fraction p/q, a comma list or start:stop:step";
    /** 2^53: every integer up to it is a double. */
    private static final long EXACT = 1L << 53;

    private final String text;
    private final String parameter;
    private final double[] list; // the points of a value or a comma list; null for a range
    private final BigFraction start; // a range: start + i * step, i < size
    private final BigFraction step;
    private final int size;
    // a range of decimals: point i is (a + i * b) / den, all three exact in a double (den = 2^x 5^y)
    private final boolean decimalRange;
    private final long a;
    private final long b;
    private final double den;

    /** A grid of explicit points. */
    public Grid(String text, double[] values) {
        this(text, "grid", values.clone(), null, null, values.length);
    }

    private Grid(String text, String parameter, double[] list, BigFraction start, BigFraction step, int size) {
        this.text = text;
        this.parameter = parameter;
        this.list = list;
        this.start = start;
        this.step = step;
        this.size = size;
        boolean fast = false;
        long na = 0;
        long nb = 0;
        double dd = 1;
        if (list == null) {
            BigInteger l = lcm(start.getDenominator(), step.getDenominator());
            BigInteger ba = start.getNumerator().multiply(l.divide(start.getDenominator()));
            BigInteger bb = step.getNumerator().multiply(l.divide(step.getDenominator()));
            BigInteger last = ba.add(bb.multiply(BigInteger.valueOf(size - 1L)));
            BigInteger limit = BigInteger.valueOf(EXACT);
            if (onlyTwosAndFives(l)
                    && l.compareTo(limit) <= 0
                    && ba.abs().compareTo(limit) <= 0
                    && last.abs().compareTo(limit) <= 0) {
                fast = true;
                na = ba.longValueExact();
                nb = bb.longValueExact();
                dd = l.doubleValue();
            }
        }
        this.decimalRange = fast;
        this.a = na;
        this.b = nb;
        this.den = dd;
    }

    /** The grid as written. */
    public String text() {
        return text;
    }

    /** How many points. */
    public int size() {
        return size;
    }

    /** The i-th point, in the order written (a range: computed on demand, in O(1) memory). */
    public double get(int i) {
        if (list != null) {
            return list[i];
        }
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        if (decimalRange) {
            // (a + i b) and den are exact doubles, so IEEE division rounds the exact fraction once,
            // as toDouble does for a terminating decimal
            return (a + i * b) / den;
        }
        return toDouble(start.add(step.multiply(i)));
    }

    /** Its points, in the order written; at most {@link #MAX_POINTS} of them. */
    public double[] values() {
        if (size > MAX_POINTS) {
            throw new ParameterException(
                    parameter,
                    "has more than " + MAX_POINTS + " points (only the CSV table of theory streams larger grids)",
                    "'" + text + "'");
        }
        if (list != null) {
            return list.clone();
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = get(i);
        }
        return v;
    }

    /** Parses {@code text}; every point must be finite. */
    public static Grid parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new ParameterException(parameter, USAGE, "an empty value");
        }
        String t = text.trim();
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
            if (count.compareTo(BigInteger.valueOf(MAX_STREAMED_POINTS)) >= 0) {
                throw new ParameterException(
                        parameter, "has more than " + MAX_STREAMED_POINTS + " points", "'" + text + "'");
            }
            if (!Double.isFinite(toDouble(start)) || !Double.isFinite(toDouble(stop))) {
                throw new ParameterException(parameter, "values must be finite", "'" + text + "'");
            }
            return new Grid(text, parameter, null, start, step, count.intValueExact() + 1);
        }
        // counted before splitting: a list of millions of values is refused at once, without
        // first making a string of each
        long values = t.chars().filter(ch -> ch == ',').count() + 1;
        if (values > MAX_POINTS) {
            throw new ParameterException(parameter, "has more than " + MAX_POINTS + " points", values + " values");
        }
        String[] parts = t.split(",", -1);
        double[] g = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            g[i] = toDouble(fraction(parameter, parts[i], text));
            if (!Double.isFinite(g[i])) {
                throw new ParameterException(parameter, "values must be finite", "'" + text + "'");
            }
        }
        return new Grid(text, parameter, g, null, null, g.length);
    }

    /** This grid, named {@code parameter}, after checking that every point is at least {@code min}. */
    public Grid atLeast(String parameter, double min) {
        int bad = firstOutside(min, Double.POSITIVE_INFINITY);
        if (bad >= 0) {
            throw new ParameterException(parameter, "values must be >= " + number(min), number(get(bad)));
        }
        return named(parameter);
    }

    /** This grid, named {@code parameter}, after checking that every point is in [lo, hi]. */
    public Grid within(String parameter, double lo, double hi) {
        int bad = firstOutside(lo, hi);
        if (bad >= 0) {
            throw new ParameterException(
                    parameter, "values must be in [" + number(lo) + ", " + number(hi) + "]", number(get(bad)));
        }
        return named(parameter);
    }

    /** The index of the first point outside [lo, hi], or −1 (a range ascends: its ends, then a bisection). */
    private int firstOutside(double lo, double hi) {
        if (list != null) {
            for (int i = 0; i < list.length; i++) {
                if (list[i] < lo || list[i] > hi) {
                    return i;
                }
            }
            return -1;
        }
        if (get(0) < lo || get(0) > hi) {
            return 0;
        }
        if (get(size - 1) <= hi) {
            return -1;
        }
        int in = 0; // get(in) <= hi < get(out)
        int out = size - 1;
        while (out - in > 1) {
            int mid = (in + out) >>> 1;
            if (get(mid) > hi) {
                out = mid;
            } else {
                in = mid;
            }
        }
        return out;
    }

    private Grid named(String name) {
        return name.equals(parameter) ? this : new Grid(text, name, list, start, step, size);
    }

    private static boolean onlyTwosAndFives(BigInteger n) {
        BigInteger r = n.shiftRight(n.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (r.mod(five).signum() == 0) {
            r = r.divide(five);
        }
        return r.equals(BigInteger.ONE);
    }

    private static BigInteger lcm(BigInteger x, BigInteger y) {
        return x.divide(x.gcd(y)).multiply(y);
    }

    /** The points in ascending order. */
    public double[] ascending() {
        double[] s = values();
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
        if (Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT
                || Math.abs((long) d.scale()) > 2 * MAX_EXPONENT) {
            throw new NumberFormatException("exponent out of range");
        }
        return d.scale() >= 0
                ? new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                : new BigFraction(d.toBigIntegerExact());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Grid g) || !g.text.equals(text) || g.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (Double.compare(g.get(i), get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + size;
    }

    @Override
    public String toString() {
        return text;
    }
}
