package tradeoffs.theory;

import java.util.Locale;

/**
 * Sizes checked against what the JVM can hold before any work: a computation whose estimated
 * memory exceeds the JVM's max heap ({@link Runtime#maxMemory}) is refused up front with a
 * {@link ParameterException} naming the parameter that makes it large, instead of ending in an
 * OutOfMemoryError after minutes. Estimates are deliberately generous (measured peaks times a
 * margin, stated where they are made); the caller states what it allocates.
 */
public final class MemoryBudget {
    /** The largest Java array: a count of elements above it cannot be allocated at all. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;
    /**
     * Dense d×d matrices the population solvers hold at once, per solve: Σ plus the solvers'
     * factorizations and work matrices. Measured peak ≈ 10 on d = 2001 (theory --norm l1/l2);
     * 16 leaves a margin.
     */
    public static final int DENSE_MATRICES_PER_SOLVE = 16;

    private MemoryBudget() {}

    /** The JVM's max heap in bytes. */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Throws a {@link ParameterException} about {@code parameter} (value {@code value}) unless
     * {@code bytes}, the estimated memory of {@code what}, fits in the max heap.
     */
    public static void require(String parameter, Object value, double bytes, String what) {
        if (!(bytes <= maxHeap())) {
            throw new ParameterException(
                    parameter,
                    "must be small enough for the JVM's max heap of " + size(maxHeap()) + ": " + what + " need about "
                            + size(bytes) + " (give the JVM more heap with -Xmx, or choose a smaller value)",
                    value);
        }
    }

    /** Throws unless {@code count} elements fit in one Java array (an int index). */
    public static void requireArray(String parameter, Object value, double count, String what) {
        if (!(count <= MAX_ARRAY)) {
            throw new ParameterException(
                    parameter,
                    "must be small enough for one array: " + what + " would have "
                            + String.format(Locale.ROOT, "%.3g", count) + " entries, more than " + MAX_ARRAY,
                    value);
        }
    }

    /**
     * The features of a model with {@code dimCore} + {@code dimSpurious} coordinates must fit the
     * population solves ({@link #DENSE_MATRICES_PER_SOLVE} dense d×d matrices of doubles); the
     * larger block is named.
     */
    public static void requireDenseModel(long dimCore, long dimSpurious) {
        double d = (double) dimCore + (double) dimSpurious;
        String parameter = dimSpurious > dimCore ? "dim_spurious" : "dim_core";
        long value = Math.max(dimCore, dimSpurious);
        requireArray(parameter, value, d * d, "the d x d covariance of d = " + (long) d + " features");
        require(
                parameter,
                value,
                DENSE_MATRICES_PER_SOLVE * 8.0 * d * d,
                "the population solves of d = " + (long) d + " features");
    }

    /** How many tasks of {@code bytesEach} may run at once within the heap (at least 1, at most {@code wanted}). */
    public static int parallelism(int wanted, double bytesEach) {
        if (!(bytesEach > 0)) {
            return Math.max(1, wanted);
        }
        double fit = Math.floor(maxHeap() / bytesEach);
        return (int) Math.max(1, Math.min(wanted, fit));
    }

    /** {@code bytes} for a message: "7.8 GB", "512 MB". */
    public static String size(double bytes) {
        if (bytes >= 1e12) {
            return String.format(Locale.ROOT, "%.3g TB", bytes / 1e12);
        }
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.3g GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%.3g MB", bytes / 1e6);
    }
}
