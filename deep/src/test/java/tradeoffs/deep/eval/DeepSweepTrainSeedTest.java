package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link DeepSweep#trainSeed}: the training seed of each replicate (moved here with RelianceTrends' move to the report module). */
class DeepSweepTrainSeedTest {
    @Test
    void replicateSeedsDependOnRunSeedAndIndexOnly() {
        assertEquals(7L, DeepSweep.trainSeed(7, 0), "replicate 0 trains with the run seed");
        assertEquals(DeepSweep.trainSeed(7, 1), DeepSweep.trainSeed(7, 1));
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (int r = 0; r < 5; r++) {
            seeds.add(DeepSweep.trainSeed(7, r));
            seeds.add(DeepSweep.trainSeed(8, r));
        }
        assertEquals(10, seeds.size(), "distinct across replicates and run seeds");
        // SplitMix64's first output for seed 7, by its published definition (Steele et al. 2014).
        long z = 7 + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        assertEquals(z ^ (z >>> 31), DeepSweep.trainSeed(7, 1));
    }
}
