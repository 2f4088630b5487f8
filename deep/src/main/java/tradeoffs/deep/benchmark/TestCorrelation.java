package tradeoffs.deep.benchmark;

import java.util.Arrays;
import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * How a test split pairs classes with background types: image i of class y gets background type
 * π(y) with probability ρ′, otherwise a type drawn uniformly from the other K − 1 (docs/deep-benchmark.md,
 * "Test splits at a shifted correlation"). The training distribution is ρ′ = ρ with π the identity;
 * ρ′ = 1/K makes background and class independent (the analogue of η′ = 0 in docs/math.md §5.2);
 * a pairing without fixed points (π(y) = y + 1 mod K, {@link #rotated}) at high ρ′ makes the
 * background point to a wrong class, the analogue of a reversed correlation η′ &lt; 0.
 *
 * @param rho ρ′ ∈ [0, 1], the probability that the background type is π(y)
 * @param pairing π as an array: {@code pairing[y]} is the background type paired with class y; a
 *     permutation of 0 … K−1
 */
public record TestCorrelation(double rho, int[] pairing) {

    public TestCorrelation {
        if (!(rho >= 0 && rho <= 1)) {
            throw new ParameterException("rho_test", "must be in [0,1]", rho);
        }
        if (pairing == null || pairing.length < 2) {
            throw new ParameterException(
                    "pairing",
                    "must map each of K >= 2 classes to a background type",
                    pairing == null ? null : Arrays.toString(pairing));
        }
        boolean[] seen = new boolean[pairing.length];
        for (int t : pairing) {
            if (t < 0 || t >= pairing.length || seen[t]) {
                throw new ParameterException(
                        "pairing", "must be a permutation of 0.." + (pairing.length - 1), Arrays.toString(pairing));
            }
            seen[t] = true;
        }
        pairing = pairing.clone();
    }

    /** The identity pairing (background type = class with probability ρ′), K classes. */
    public static TestCorrelation identity(int k, double rho) {
        return rotated(k, rho, 0);
    }

    /** π(y) = (y + shift) mod K: for shift ≢ 0 every class is paired with another class's background. */
    public static TestCorrelation rotated(int k, double rho, int shift) {
        if (k < 2) {
            throw new ParameterException("classes", "must be >= 2", k);
        }
        int[] p = new int[k];
        for (int y = 0; y < k; y++) {
            p[y] = Math.floorMod(y + shift, k);
        }
        return new TestCorrelation(rho, p);
    }

    /** π as an array (a copy). */
    @Override
    public int[] pairing() {
        return pairing.clone();
    }

    /** The background type paired with class y. */
    public int pairedType(int y) {
        return pairing[y];
    }

    /** Number of classes K. */
    public int numClasses() {
        return pairing.length;
    }

    /** True when π is the identity. */
    public boolean isIdentity() {
        for (int y = 0; y < pairing.length; y++) {
            if (pairing[y] != y) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pairing's name in tables: {@code same} (identity), {@code next} (y → y + 1 mod K), else
     * the map, e.g. {@code 2-0-1}.
     */
    public String pairingId() {
        if (isIdentity()) {
            return "same";
        }
        if (equals(rotated(pairing.length, rho, 1))) {
            return "next";
        }
        StringBuilder sb = new StringBuilder();
        for (int t : pairing) {
            sb.append(sb.length() == 0 ? "" : "-").append(t);
        }
        return sb.toString();
    }

    /** E.g. {@code rho=0.2,pairing=same}. */
    public String id() {
        return String.format(Locale.ROOT, "rho=%s,pairing=%s", rho, pairingId());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestCorrelation t && t.rho == rho && Arrays.equals(t.pairing, pairing);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(rho) + Arrays.hashCode(pairing);
    }

    @Override
    public String toString() {
        return id();
    }
}
