package tradeoffs.deep.benchmark;

/**
 * Seeds of independent random streams addressed by (run seed, stream, index), so that image i
 * can be regenerated alone; the seed then starts a Commons RNG generator. The mixing function is
 * the SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit words whose outputs
 * for nearby inputs are statistically unrelated, so streams of neighbouring indices do not overlap.
 */
public final class Seeds {
    private Seeds() {
    }

    /** mix(mix(mix(seed) + stream) + index): the seed of stream {@code stream}'s item {@code index}. */
    public static long of(long seed, long stream, long index) {
        return mix(mix(mix(seed) + stream) + index);
    }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
