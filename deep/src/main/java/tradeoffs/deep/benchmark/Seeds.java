package tradeoffs.deep.benchmark;

import tradeoffs.theory.random.SplitMix64;

/**
 * Seeds of independent random streams addressed by (run seed, stream, index), so that image i
 * can be regenerated alone; the seed then starts a Commons RNG generator. The mixing is the
 * theory module's {@link SplitMix64#seed}, the one seed mixer of the project.
 */
public final class Seeds {
    private Seeds() {}

    /** {@link SplitMix64#seed}: mix(mix(mix(seed) + stream) + index), the seed of stream {@code stream}'s item {@code index}. */
    public static long of(long seed, long stream, long index) {
        return SplitMix64.seed(seed, stream, index);
    }
}
