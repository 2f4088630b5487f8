package tradeoffs.simulation.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Json;

/**
 * A config without kind-section lists must give the same point files and tables, byte for byte,
 * as before kind-section axes existed. The SHA-256 digests below were produced by main's code at
 * commit fe0ea29 (before the change) on this exact config and are the regression reference;
 * simulate.csv was re-made when the finite-sample ℓ2 solve became exact (issue 9: its ℓ2 rows
 * moved by at most 5e-8 relative, the old solves' gaps were up to 5.8e-11, the new ones 4e-15;
 * the theory rows, the ℓ∞ rows and point p000013 are unchanged).
 */
class SweepListFreeBytesTest {
    @TempDir
    Path tmp;

    static final String CONFIG = "{\"seed\": 3, \"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l2\", \"linf\"],"
            + " \"eps\": [0.1, 0.3], \"model\": {\"sigma_spurious\": [0.5, 2.0]}, \"simulate\": {\"n\": 60, \"n_test\": 40, \"reps\": 3}}";

    static String sha(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void listFreeConfigGivesMainsBytes() throws Exception {
        SweepConfig c = SweepConfig.of(Json.MAPPER.readTree(CONFIG), PointRunners.defaults().asMap());
        assertEquals(16, c.points().size());
        Sweep.run(c, PointRunners.defaults(), tmp, 1, Shard.ALL, null);
        assertEquals(THEORY, sha(tmp.resolve("theory.csv")));
        assertEquals(SIMULATE, sha(tmp.resolve("simulate.csv")));
        assertEquals(P13, sha(tmp.resolve("points/simulate/p000013.csv")));
    }

    static final String THEORY = "6546f891986a9918beea84823b5ba24485d1d7ddd85a21311153ca819df34718";
    static final String SIMULATE = "fc502b2bb12c08110de3b19e44d4a1ab6824c776937dd18cb4c356356806a9c6";
    static final String P13 = "1398fefaf822803f739698ae4ec9479ecdf8130f92a67baf3b436c953a3c653e";
}
