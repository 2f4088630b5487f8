package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tradeoffs.io.ResultTable;

class SweepCommandTest {
    @TempDir
    Path tmp;

    /** 2 σ_s × 2 norms × 2 ε × 2 kinds = 16 points; small n and reps so the test is quick. */
    static final String CONFIG = """
            seed: 11
            kinds: [theory, simulate]
            norms: [l2, linf]
            eps: "0.2:0.4:0.2"
            eta_test: -0.5
            model:
              sigma_core: 1.0
              sigma_spurious: [0.5, 2.0]
              eta: 0.5
              noise: 0.5
            simulate: {n: 300, n_test: 300, reps: 4}
            """;

    Path config(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void sameBytesForOneTwoThreadsAndThreeShardsMerged() throws IOException {
        Path cfg = config("grid.yaml", CONFIG);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRun ra = CliRun.main("sweep", "--config", cfg.toString(), "--out", a.toString(), "--threads", "1");
        assertEquals(0, ra.code(), ra.err());
        assertTrue(ra.err().contains("sweep: [16/16]"), ra.err());
        assertEquals(
                0,
                CliRun.main("sweep", "--config", cfg.toString(), "--out", b.toString(), "--threads", "2")
                        .code());
        for (int i = 0; i < 3; i++) {
            CliRun rs = CliRun.main(
                    "sweep",
                    "--config",
                    cfg.toString(),
                    "--out",
                    tmp.resolve("s" + i).toString(),
                    "--shard",
                    i + "/3",
                    "--threads",
                    "2");
            assertEquals(0, rs.code(), rs.err());
            assertFalse(
                    Files.exists(tmp.resolve("s" + i).resolve("theory.csv")), "a shard alone is not the whole grid");
            assertTrue(Files.exists(tmp.resolve("s" + i).resolve("manifest.json")));
        }
        Path m = tmp.resolve("merged");
        CliRun rm = CliRun.main(
                "sweep",
                "merge",
                "--out",
                m.toString(),
                tmp.resolve("s0").toString(),
                tmp.resolve("s1").toString(),
                tmp.resolve("s2").toString());
        assertEquals(0, rm.code(), rm.err());
        for (String table : List.of("theory.csv", "simulate.csv")) {
            byte[] ref = Files.readAllBytes(a.resolve(table));
            assertArrayEquals(ref, Files.readAllBytes(b.resolve(table)), table + ": threads 1 vs 2");
            assertArrayEquals(ref, Files.readAllBytes(m.resolve(table)), table + ": unsharded vs 3 shards merged");
        }
        assertTrue(Files.exists(m.resolve("manifest.json")));
        ResultTable theory = ResultTable.readCsv(a.resolve("theory.csv"));
        ResultTable sim = ResultTable.readCsv(a.resolve("simulate.csv"));
        assertEquals(8, theory.size());
        assertEquals(8 * 6, sim.size());
        assertEquals(
                List.of(
                        "point",
                        "model",
                        "sigma_core",
                        "sigma_spurious",
                        "eta",
                        "noise",
                        "dim_core",
                        "dim_spurious",
                        "eta_test",
                        "norm",
                        "eps"),
                theory.columns().subList(0, 11));
        // the theory kind matches the simulate kind's theory column at the same grid point
        ResultTable simW = sim.where("quantity", "w_core");
        for (int i = 0; i < theory.size(); i++) {
            assertEquals(theory.getDouble(i, "w_core"), simW.getDouble(i, "theory"), 1e-12);
        }
    }

    @Test
    void rerunSkipsFinishedPoints() throws IOException {
        Path cfg = config("grid.json", "{\"kinds\": [\"theory\"], \"norms\": [\"l1\", \"l2\"], \"eps\": [0.1, 0.5]}");
        Path out = tmp.resolve("r");
        assertEquals(
                0,
                CliRun.main("sweep", "--config", cfg.toString(), "--out", out.toString())
                        .code());
        byte[] first = Files.readAllBytes(out.resolve("theory.csv"));
        CliRun again = CliRun.main("sweep", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, again.code());
        assertTrue(again.err().contains("4 already finished, 0 to run"), again.err());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("theory.csv")));
        // a different config in the same folder is refused
        Path other = config("other.json", "{\"kinds\": [\"theory\"], \"eps\": [0.2]}");
        CliRun refused = CliRun.main("sweep", "--config", other.toString(), "--out", out.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("different sweep config"), refused.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown top key     | {\"kinds\": [\"theory\"], \"eps\": [0.1], \"epss\": 1}                      | 'epss'",
                "unknown model key   | {\"kinds\": [\"theory\"], \"eps\": [0.1], \"model\": {\"sigma_cor\": 1}}    | 'model.sigma_cor'",
                "wrong type          | {\"kinds\": [\"theory\"], \"eps\": [0.1], \"model\": {\"eta\": \"high\"}}   | 'model.eta'",
                "wrong type eps      | {\"kinds\": [\"theory\"], \"eps\": true}                                 | 'eps'",
                "empty grid          | {\"kinds\": [\"theory\"], \"eps\": []}                                   | 'eps'",
                "empty norms         | {\"kinds\": [\"theory\"], \"norms\": [], \"eps\": [0.1]}                 | 'norms'",
                "unknown kind        | {\"kinds\": [\"theroy\"], \"eps\": [0.1]}                                | 'kinds'",
                "bad simulate key    | {\"kinds\": [\"simulate\"], \"eps\": [0.1], \"simulate\": {\"repz\": 3}}   | 'simulate.repz'",
                "bad simulate type   | {\"kinds\": [\"simulate\"], \"eps\": [0.1], \"simulate\": {\"reps\": 2.5}} | 'simulate.reps'",
                "model range         | {\"kinds\": [\"theory\"], \"eps\": [0.1], \"model\": {\"eta\": 1.5}}      | eta",
                "eta_test range      | {\"kinds\": [\"theory\"], \"eps\": [0.1], \"eta_test\": 1.5}             | 'eta_test'",
                "empty section list  | {\"kinds\": [\"simulate\"], \"eps\": [0.1], \"simulate\": {\"n\": []}}    | 'simulate.n' must not be an empty list",
                "section list type   | {\"kinds\": [\"simulate\"], \"eps\": [0.1], \"simulate\": {\"n\": [500, \"x\"]}} | 'simulate.n' must be an integer",
                "not sweepable       | {\"kinds\": [\"deep\"], \"eps\": [0], \"deep\": {\"device\": [\"cpu\", \"gpu\"]}} | 'deep.device' takes a single value",
            })
    void badConfigsExitTwoWithOneLineNamingTheKey(String name, String json, String key) throws IOException {
        Path cfg = config("bad.json", json);
        CliRun r = CliRun.main(
                "sweep", "--config", cfg.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), name + ": " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, name + ": " + r.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(key), name + ": " + r.err());
    }

    @Test
    void badShardAndMissingConfigAreExitTwo() throws IOException {
        Path cfg = config("g.json", "{\"kinds\": [\"theory\"], \"eps\": [0.1]}");
        CliRun r = CliRun.main(
                "sweep", "--config", cfg.toString(), "--out", tmp.resolve("y").toString(), "--shard", "3/3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--shard"), r.err());
        assertEquals(
                2, CliRun.main("sweep", "--out", tmp.resolve("y").toString()).code());
    }

    @Test
    void mergeReportsMissingPoints() throws IOException {
        Path cfg = config("g.json", "{\"kinds\": [\"theory\"], \"eps\": [0.1, 0.2, 0.3]}");
        assertEquals(
                0,
                CliRun.main(
                                "sweep",
                                "--config",
                                cfg.toString(),
                                "--out",
                                tmp.resolve("s0").toString(),
                                "--shard",
                                "0/2")
                        .code());
        CliRun r = CliRun.main(
                "sweep",
                "merge",
                "--out",
                tmp.resolve("m").toString(),
                tmp.resolve("s0").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("missing"), r.err());
    }

    @Test
    void simulatePrintsTheTableWithTheoryAndZ() {
        CliRun one = CliRun.main(
                "simulate",
                "--norm",
                "l2,linf",
                "--eps",
                "0.3",
                "--n",
                "500",
                "--reps",
                "6",
                "--eta-test",
                "-0.5",
                "--threads",
                "1",
                "--seed",
                "3");
        assertEquals(0, one.code(), one.err());
        ResultTable t = ResultTable.parseCsv(one.out());
        assertTrue(t.columns()
                .containsAll(List.of("norm", "eps", "quantity", "theory", "mean", "se", "ci_low", "ci_high", "z")));
        Set<String> q = new HashSet<>(t.strings("quantity"));
        assertEquals(
                Set.of(
                        "w_core",
                        "w_spurious",
                        "spurious_reliance",
                        "standard_risk",
                        "adversarial_risk",
                        "shifted_risk"),
                q);
        CliRun two = CliRun.main(
                "simulate",
                "--norm",
                "l2,linf",
                "--eps",
                "0.3",
                "--n",
                "500",
                "--reps",
                "6",
                "--eta-test",
                "-0.5",
                "--threads",
                "2",
                "--seed",
                "3");
        assertEquals(one.out(), two.out(), "same seed, same bytes whatever the thread count");
        CliRun bad = CliRun.main("simulate", "--reps", "1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--reps"), bad.err());
    }

    @Test
    void simulateRunsTheAntiCausalAndUserModels() throws IOException {
        CliRun ac =
                CliRun.main("simulate", "--anti-causal", "--norm", "l2", "--eps", "0.2", "--n", "400", "--reps", "4");
        assertEquals(0, ac.code(), ac.err());
        ResultTable t = ResultTable.parseCsv(ac.out());
        assertEquals("anti-causal", t.get(0, "model"));
        assertFalse(
                new HashSet<>(t.strings("quantity")).contains("shifted_risk"), "no shifted domain without --eta-test");
        Path f = tmp.resolve("model.json");
        Files.writeString(
                f,
                "{\"sigma\": [[1, 0.3, 0], [0.3, 2, 0.1], [0, 0.1, 1]], \"b\": [0.8, 0.4, 0.1], \"v\": 1.5, \"dim_core\": 2}");
        CliRun user = CliRun.main(
                "simulate",
                "--model-file",
                f.toString(),
                "--norm",
                "linf",
                "--eps",
                "0.1",
                "--n",
                "400",
                "--reps",
                "4",
                "--format",
                "json");
        assertEquals(0, user.code(), user.err());
        assertTrue(user.out().contains("\"theory_w\"") && user.out().contains("\"mean_w\""), user.out());
        CliRun shiftedUser = CliRun.main("simulate", "--model-file", f.toString(), "--eta-test", "0.1");
        assertEquals(2, shiftedUser.code());
        assertTrue(shiftedUser.err().contains("--eta-test"), shiftedUser.err());
    }

    /** One point on two threads runs its repetitions in parallel: still the same bytes. */
    @Test
    void onePointOnTwoThreadsGivesTheSameBytes() throws IOException {
        Path cfg = config(
                "one.json",
                "{\"kinds\": [\"simulate\"], \"norms\": [\"l1\"], \"eps\": 0.3,"
                        + " \"simulate\": {\"n\": 300, \"reps\": 8}}");
        assertEquals(
                0,
                CliRun.main(
                                "sweep",
                                "--config",
                                cfg.toString(),
                                "--out",
                                tmp.resolve("one1").toString(),
                                "--threads",
                                "1")
                        .code());
        assertEquals(
                0,
                CliRun.main(
                                "sweep",
                                "--config",
                                cfg.toString(),
                                "--out",
                                tmp.resolve("one2").toString(),
                                "--threads",
                                "2")
                        .code());
        assertArrayEquals(
                Files.readAllBytes(tmp.resolve("one1").resolve("simulate.csv")),
                Files.readAllBytes(tmp.resolve("one2").resolve("simulate.csv")));
    }

    /**
     * {@code simulate.n: [500, 1000]} multiplies the simulate points only: theory p0, simulate
     * n=500 p1, simulate n=1000 p2 (docs/sweep.md). Independent check of the n=500 rows: a config
     * with the scalar {@code n: 500} has the same point p1 (same index, so same streams) and must
     * give the same rows byte for byte.
     */
    @Test
    void simulateNListGivesBothNAsRowsAndShardsMergeToTheSameBytes() throws IOException {
        String grid = "{\"seed\": 4, \"kinds\": [\"theory\", \"simulate\"], \"norms\": [\"l2\"], \"eps\": 0.3,"
                + " \"simulate\": {\"n\": %s, \"n_test\": 200, \"reps\": 4}}";
        Path cfg = config("axes.json", grid.formatted("[500, 1000]"));
        Path a = tmp.resolve("axes");
        CliRun r = CliRun.main("sweep", "--config", cfg.toString(), "--out", a.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("sweep: 3 grid points"), r.err());
        assertTrue(r.err().contains("p000002 simulate norm=l2 eps=0.3 simulate.n=1000"), r.err());
        ResultTable sim = ResultTable.readCsv(a.resolve("simulate.csv"));
        assertEquals(1, ResultTable.readCsv(a.resolve("theory.csv")).size());
        assertEquals(Set.of("500", "1000"), new HashSet<>(sim.strings("n")));
        assertEquals(
                sim.where("point", "p000001").strings("n").stream().distinct().toList(), List.of("500"));
        assertEquals(
                sim.where("point", "p000002").strings("n").stream().distinct().toList(), List.of("1000"));
        assertEquals(Set.of("200"), new HashSet<>(sim.strings("n_test")));

        Path scalarCfg = config("scalar.json", grid.formatted("500"));
        Path s = tmp.resolve("scalar");
        assertEquals(
                0,
                CliRun.main("sweep", "--config", scalarCfg.toString(), "--out", s.toString(), "--threads", "1")
                        .code());
        // the point files differ in their config_sha256 column (two configs); the rows do not
        assertEquals(
                ResultTable.readCsv(s.resolve("simulate.csv"))
                        .where("point", "p000001")
                        .toCsv(),
                sim.where("point", "p000001").toCsv());

        // resume, and 2 shards merged give the unsharded bytes
        CliRun again = CliRun.main("sweep", "--config", cfg.toString(), "--out", a.toString(), "--threads", "1");
        assertTrue(again.err().contains("3 already finished, 0 to run"), again.err());
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    0,
                    CliRun.main(
                                    "sweep",
                                    "--config",
                                    cfg.toString(),
                                    "--out",
                                    tmp.resolve("ax" + i).toString(),
                                    "--shard",
                                    i + "/2",
                                    "--threads",
                                    "1")
                            .code());
        }
        Path m = tmp.resolve("axm");
        assertEquals(
                0,
                CliRun.main(
                                "sweep",
                                "merge",
                                "--out",
                                m.toString(),
                                tmp.resolve("ax0").toString(),
                                tmp.resolve("ax1").toString())
                        .code());
        for (String table : List.of("theory.csv", "simulate.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(table)), Files.readAllBytes(m.resolve(table)), table);
        }
    }
}
