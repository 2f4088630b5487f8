package tradeoffs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Json;
import tradeoffs.io.ResultTable;
import tradeoffs.sweep.kind.SimulatePointRunner;
import tradeoffs.sweep.kind.TheoryPointRunner;

/**
 * A config without kind-section lists must give the same point files and tables, byte for byte,
 * as before kind-section axes existed. The SHA-256 digests below were produced by main's code at
 * commit fe0ea29 (before the change) on this exact config and are the regression reference;
 * simulate.csv and p000013 were re-made when the finite-sample solve changed (issues 9 and 12:
 * exact ℓ2 solves, XᵀX by a faster kernel): against main's bytes every value moved by at most
 * 5e-8 relative (the old solves' gaps were up to 5.8e-11, the new ones 1e-14); and again for
 * the sign classes of the finite-sample solver (issue 12): every value within 1.4e-13 relative of
 * the previous bytes (35 of 40 rows of simulate.csv differ, in the last digits); and again for
 * the face Hessians and wider first smoothing stages (issue 12): 10 of 40 rows of simulate.csv
 * and the 5 rows of p000013 differ, every value within 1.3e-14 relative of main's bytes
 * (max_rel_gap aside, a round-off quantity of order 1e-15 on both sides), compared by running this
 * config on main's jars and on the new ones; and again for the ℓ2 attack's early exact finish
 * at n ≤ 10³ (issue 12): 20 of 40 rows of simulate.csv differ, every estimate within 4.6e-13
 * relative of main's bytes (z 1.9e-11 relative, 1.1e-12 absolute; max_rel_gap at most 1.5e-13, a
 * certified fit stops anywhere within its 1e-9), p000013 (ℓ∞) unchanged; and again for the Euler
 * predictor of the ℓ1/ℓ∞ smoothing homotopy (issue 12): 14 of 40 rows of simulate.csv and the 5
 * rows of p000013 differ, every estimate within 1.5e-14 relative of main's bytes (z 8.9e-15
 * absolute; max_rel_gap at most 5e-15 absolute, round-off), compared by running this config on
 * main's jar and the new one; and again for the ℓ2 attack's exact finish by the range-space KKT
 * step (issue 12): 7 of 40 rows of simulate.csv differ, every estimate within 1.1e-15 relative
 * of main's bytes (max_rel_gap at most 5.7e-16 absolute, round-off), p000013 (ℓ∞) unchanged,
 * compared by running this config on main's simulation classes and on the new ones; and again
 * for the ℓ∞ attack's exact finish by an active set on the pieces of F (issue 12): 7 of 40 rows
 * of simulate.csv (5 of them p000013's) differ, every value within 1.5e-14 relative of main's
 * bytes (ci_low; the estimates within 2.2e-15), compared by running this config on main's jar
 * and the new one; and again for that finish's steps from the factor of S and its start at the
 * μ = 10⁻³ stage for n ≤ 2000 (issue 12): 14 of 40 rows of simulate.csv (the 5 of p000013 among
 * them) differ, every estimate within 8e-15 relative of main's bytes (ci_low 5.2e-14; max_rel_gap
 * at most 9.3e-16 absolute, round-off), compared by running this config on main's jar and the new
 * one; and again for that finish's start from the Euler predictor of the μ = 10⁻² stage (and the
 * signs of coordinates its line search carries across zero, and its steps' S⁻¹g from w_LS, S⁻¹u
 * and S⁻¹τ; issue 12): 15 of 40 rows of simulate.csv (the 5 of p000013 among them, all ℓ∞)
 * differ, every estimate within 6.4e-15 relative of main's bytes (ci_low 4.1e-14; max_rel_gap
 * at most 8.9e-16 absolute, round-off), compared by running this config with `tradeoffs sweep` on main's jar and
 * the new one. theory.csv is unchanged.
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
        SweepConfig c = SweepConfig.of(
                Json.MAPPER.readTree(CONFIG),
                new PointRunners()
                        .register(new TheoryPointRunner())
                        .register(new SimulatePointRunner())
                        .asMap());
        assertEquals(16, c.points().size());
        Sweep.run(
                c,
                new PointRunners().register(new TheoryPointRunner()).register(new SimulatePointRunner()),
                tmp,
                1,
                Shard.ALL,
                null);
        // the vocabulary renamed one column of theory.csv (certificate_bound -> suboptimality_bound):
        // with the header spelled the old way, the bytes are main's
        String theory = Files.readString(tmp.resolve("theory.csv"));
        int nl = theory.indexOf('\n');
        assertTrue(theory.substring(0, nl).endsWith(",suboptimality_bound"), theory.substring(0, nl));
        Path old = tmp.resolve("theory-old-header.csv");
        Files.writeString(
                old,
                theory.substring(0, nl).replace(",suboptimality_bound", ",certificate_bound") + theory.substring(nl));
        assertEquals(THEORY, sha(old));
        assertEquals(SIMULATE, sha(tmp.resolve("simulate.csv")));
        // point files carry two check columns more than the table (config_sha256, point_rows);
        // without them a point file is main's bytes
        ResultTable p13 = ResultTable.readCsv(tmp.resolve("points/simulate/p000013.csv"));
        assertEquals(
                List.of("config_sha256", "point_rows"),
                p13.columns().subList(p13.columns().size() - 2, p13.columns().size()));
        List<List<String>> rows =
                p13.rows().stream().map(r -> r.subList(0, r.size() - 2)).toList();
        Path stripped = tmp.resolve("p13-without-checks.csv");
        new ResultTable(p13.columns().subList(0, p13.columns().size() - 2), rows).writeCsv(stripped);
        assertEquals(P13, sha(stripped));
    }

    static final String THEORY = "6546f891986a9918beea84823b5ba24485d1d7ddd85a21311153ca819df34718";
    static final String SIMULATE = "2bba6b0351a110addb82ead68997ce4ea0cf7ec7ab488af6df1b4de31100dcaa";
    static final String P13 = "0e982a5bd48d6e94c8f7cd3ae1cd6f09be1a0a090674515895caa7b886386744";
}
