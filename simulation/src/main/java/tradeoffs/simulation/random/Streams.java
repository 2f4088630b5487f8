package tradeoffs.simulation.random;

import static tradeoffs.theory.random.SplitMix64.mix;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.theory.random.SplitMix64;

/**
 * Seeded random streams addressed by (run seed, grid point, repetition, purpose). Every stream is
 * an independent {@link RandomSource#L64_X128_MIX} generator (an LXM generator designed for
 * splitting into many parallel streams) whose 4-word state is derived from the address through
 * {@link SplitMix64} mixing. So a run's seed and a point's coordinates decide every random number: the
 * result of a repetition never depends on which thread ran it, in what order, or in which shard.
 */
public final class Streams {
    /** Purpose of the training sample of a repetition. */
    public static final int TRAIN = 0;
    /** Purpose of the held-out test sample (same distribution as training). */
    public static final int TEST = 1;
    /** Purpose of the held-out sample of the shifted test domain. */
    public static final int SHIFTED = 2;
    /** Purpose of attack initialisations. */
    public static final int ATTACK = 3;

    private final long seed;

    /** Streams of the run with this seed. */
    public Streams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * The generator of stream (point, rep, purpose). Distinct addresses give statistically
     * independent generators; the same address always gives the same sequence.
     */
    public UniformRandomProvider stream(long point, long rep, int purpose) {
        long h = mix(seed ^ SplitMix64.GOLDEN_GAMMA);
        h = mix(h ^ mix(point + 0x632BE59BD9B4E019L));
        h = mix(h ^ mix(rep + 0x85157AF5L * 31));
        h = mix(h ^ mix(purpose + 0xD1B54A32D192ED03L));
        long[] state = new long[4];
        SplitMix64.fill(h, state);
        return RandomSource.L64_X128_MIX.create(state);
    }
}
