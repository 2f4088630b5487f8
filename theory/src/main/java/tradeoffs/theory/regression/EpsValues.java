package tradeoffs.theory.regression;

/**
 * The ε values of a tradeoff curve, by index: an array, or a grid that computes its points on
 * demand (so a curve of 10⁷ points needs no array of them).
 */
public interface EpsValues {
    /** How many values. */
    int size();

    /** The i-th value, 0 ≤ i < {@link #size()}. */
    double get(int i);

    /** The values {@code at.applyAsDouble(i)}, i < size, computed on demand (not stored). */
    static EpsValues of(int size, java.util.function.IntToDoubleFunction at) {
        return new EpsValues() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public double get(int i) {
                return at.applyAsDouble(i);
            }
        };
    }

    /** A copy of {@code values}. */
    static EpsValues of(double... values) {
        double[] v = values.clone();
        return new EpsValues() {
            @Override
            public int size() {
                return v.length;
            }

            @Override
            public double get(int i) {
                return v[i];
            }
        };
    }
}
