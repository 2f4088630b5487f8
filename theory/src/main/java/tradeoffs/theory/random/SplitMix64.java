package tradeoffs.theory.random;

/**
 * The SplitMix64 mixer (Steele, Lea and Flood, OOPSLA 2014): a bijection of 64-bit words whose
 * outputs for nearby inputs are statistically unrelated. Every seeded stream of the project is
 * addressed through it (the Monte Carlo streams of the simulation module, the image, order and
 * attack streams of the deep module), so a run's seed and an item's coordinates decide its random
 * numbers whatever thread or shard computes it.
 */
public final class SplitMix64 {
    /** The golden-ratio increment 2⁶⁴/φ of SplitMix64's counter (also the seed's offset). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The SplitMix64 finaliser: z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9, z ← (z ⊕ z≫27)·0x94D049BB133111EB, z ⊕ z≫31. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The seed of item {@code index} of stream {@code stream} in the run {@code seed}:
     * mix(mix(mix(seed) + stream) + index), so one item can be regenerated alone.
     */
    public static long seed(long seed, long stream, long index) {
        return mix(mix(mix(seed) + stream) + index);
    }

    /**
     * Fills {@code state} with the SplitMix64 sequence started at {@code start}:
     * state[i] = mix(start + (i + 1)·γ), the standard way to expand one word into a generator's
     * multi-word state.
     */
    public static void fill(long start, long[] state) {
        long s = start;
        for (int i = 0; i < state.length; i++) {
            s += GOLDEN_GAMMA;
            state[i] = mix(s);
        }
    }
}
