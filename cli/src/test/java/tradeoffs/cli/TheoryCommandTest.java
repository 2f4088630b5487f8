package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Json;
import tradeoffs.io.ResultTable;

class TheoryCommandTest {
    @TempDir
    Path tmp;

    @Test
    void csvHasTheContractColumnsAndShowsTheClaims() {
        CliRun r = CliRun.main("theory", "--eps", "0:1:0.1", "--eta-test", "0");
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.parseCsv(r.out());
        assertEquals(
                List.of(
                        "norm",
                        "eps",
                        "w_core",
                        "w_spurious",
                        "spurious_reliance",
                        "standard_risk",
                        "adversarial_risk",
                        "shifted_risk"),
                t.columns().subList(0, 8));
        assertTrue(t.hasColumn("risk_core_only") && t.hasColumn("spurious_benefit") && t.hasColumn("kkt_residual"));
        assertEquals(33, t.size()); // 3 norms × 11 ε values
        assertEquals(List.of("l1", "l2", "linf"), t.distinct("norm"));
        // the decimal grid is exact: 0.3, not 0.30000000000000004
        assertEquals("0.3", t.where("norm", "l2").strings("eps").get(3));
        // claim 2: ℓ∞ spurious weight is exactly 0 (σ_s η = 0.6 ≤ σ_c = 1), written as 0.0
        for (String ws : t.where("norm", "linf").strings("w_spurious")) {
            assertEquals("0.0", ws);
        }
        // claim 1: ℓ2 and ℓ1 spurious weight positive for ε > 0 and growing over small ε
        for (String norm : List.of("l1", "l2")) {
            double[] ws = t.where("norm", norm).doubles("w_spurious");
            assertEquals(0.0, ws[0], 0.0);
            assertTrue(ws[1] > 0 && ws[2] > ws[1] && ws[3] > ws[2], norm);
            // claim 3: shifted risk at η′ = 0 < η grows with ε
            double[] shifted = t.where("norm", norm).doubles("shifted_risk");
            for (int i = 1; i < shifted.length; i++) {
                assertTrue(shifted[i] > shifted[i - 1]);
            }
            // claim 4: positive gap where w_s ≠ 0
            assertTrue(t.where("norm", norm).doubles("spurious_benefit")[5] > 0);
        }
        assertTrue(r.err().contains("[derived]"), r.err());
    }

    @Test
    void outputDoesNotDependOnThreadCount() {
        String[] base = {"theory", "--dim-core", "2", "--dim-spurious", "2", "--eps", "0:1.2:0.05", "--eta-test", "-0.3"
        };
        CliRun one = CliRun.main(concat(base, "--threads", "1"));
        CliRun two = CliRun.main(concat(base, "--threads", "2"));
        assertEquals(0, one.code(), one.err());
        assertEquals(one.out(), two.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void linfSpuriousWeightTurnsOnAboveTheScaleCondition() {
        CliRun r = CliRun.main("theory", "--sigma-spurious", "2", "--norm", "linf", "--eps", "0.1,0.5");
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.parseCsv(r.out());
        for (double ws : t.doubles("w_spurious")) {
            assertTrue(ws > 0);
        }
        assertEquals(List.of("0.1", "0.5"), t.strings("eps"));
    }

    @Test
    void jsonCarriesTheFullVectorAndProvenance() throws Exception {
        Path out = tmp.resolve("sub/theory.json");
        CliRun r = CliRun.main(
                "theory",
                "--dim-core",
                "2",
                "--dim-spurious",
                "3",
                "--norm",
                "l2",
                "--norm",
                "linf",
                "--eps",
                "0.2",
                "--format",
                "json",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        JsonNode root = Json.MAPPER.readTree(Files.readString(out));
        assertEquals(2, root.get("points").size());
        JsonNode p = root.get("points").get(0);
        assertEquals("l2", p.get("norm").asText());
        assertEquals(5, p.get("w").size());
        double[] w = new double[5];
        for (int i = 0; i < 5; i++) {
            w[i] = p.get("w").get(i).asDouble();
        }
        // w_core is the core block's ℓ2 norm when d_c > 1
        assertEquals(Math.hypot(w[0], w[1]), p.get("w_core").asDouble(), 1e-15);
        assertTrue(root.get("provenance").get("adversarial_risk").asText().startsWith("[derived]"));
        assertEquals("core-spurious", root.get("model").get("model").asText());
    }

    @Test
    void undefinedValuesAreNullInJsonAndEmptyInCsv() throws Exception {
        CliRun json = CliRun.main("theory", "--dim-spurious", "0", "--eps", "2", "--norm", "l2", "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode p = Json.MAPPER.readTree(json.out()).get("points").get(0);
        assertTrue(p.get("w_spurious").isNull());
        assertTrue(p.get("spurious_reliance").isNull()); // w = 0 at ε = 2: reliance undefined
        CliRun csv = CliRun.main("theory", "--dim-spurious", "0", "--eps", "2", "--norm", "l2");
        assertEquals("", ResultTable.parseCsv(csv.out()).get(0, "w_spurious"));
    }

    @Test
    void csvToFileIsAtomicAndHasAManifest() throws Exception {
        Path out = tmp.resolve("t.csv");
        CliRun r = CliRun.main("theory", "--eps", "0.5", "--norm", "l1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.readCsv(out);
        assertEquals(1, t.size());
        assertTrue(Files.readString(tmp.resolve("t.csv.manifest.json")).contains("provenance"));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void userModelFromJson() throws Exception {
        Path f = tmp.resolve("m.json");
        Files.writeString(f, "{\"sigma\": [[1, 0.6], [0.6, 1]], \"b\": [1, 0.6], \"v\": 1.25, \"dim_core\": 1}");
        CliRun user = CliRun.main("theory", "--model-file", f.toString(), "--norm", "l2", "--eps", "0.3");
        CliRun builtin = CliRun.main("theory", "--norm", "l2", "--eps", "0.3");
        assertEquals(0, user.code(), user.err());
        ResultTable a = ResultTable.parseCsv(user.out());
        ResultTable b = ResultTable.parseCsv(builtin.out());
        // the same (Σ, b, v) as the default model gives the same weights and risks
        assertArrayEquals(b.doubles("adversarial_risk"), a.doubles("adversarial_risk"), 1e-15);
        assertArrayEquals(b.doubles("w_spurious"), a.doubles("w_spurious"), 1e-15);
    }

    @Test
    void antiCausalModelRuns() {
        CliRun r = CliRun.main("theory", "--anti-causal", "--eps", "0,0.5", "--norm", "linf");
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.parseCsv(r.out());
        assertTrue(t.doubles("w_spurious")[0] != 0.0); // standard training already uses x_s here
    }

    @Test
    void badInputIsOneLineExitTwoNamingTheParameter() {
        assertBad(new String[] {"theory", "--eps", "0:1:x"}, "--eps");
        assertBad(new String[] {"theory", "--eps", "1:0:0.1"}, "--eps stop must be >= start");
        assertBad(new String[] {"theory", "--eps", "0:1:0"}, "--eps step must be > 0");
        assertBad(new String[] {"theory", "--eps", "-0.1"}, "--eps values must be >= 0");
        assertBad(new String[] {"theory", "--sigma-core", "0"}, "--sigma-core must be > 0");
        assertBad(new String[] {"theory", "--sigma-spurious", "-1"}, "--sigma-spurious must be > 0");
        assertBad(new String[] {"theory", "--eta", "1.5"}, "--eta must be in (-1, 1)");
        assertBad(new String[] {"theory", "--noise", "-0.5"}, "--noise must be >= 0");
        assertBad(new String[] {"theory", "--norm", "l0.5"}, "--norm must be l1, l2, linf");
        assertBad(new String[] {"theory", "--format", "xml"}, "--format must be csv or json");
        assertBad(new String[] {"theory", "--eta-test", "2"}, "--eta-test must be in (-1, 1)");
        assertBad(new String[] {"theory", "--dim-core", "0"}, "--dim-core must be >= 1");
        assertBad(new String[] {"theory", "--eta", "abc"}, "--eta");
    }

    @Test
    void notPositiveDefiniteUserCovarianceIsBadInput() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"sigma\": [[1, 2], [2, 1]], \"b\": [1, 0], \"v\": 1}");
        assertBad(new String[] {"theory", "--model-file", f.toString()}, "positive definite");
        assertBad(
                new String[] {
                    "theory", "--model-file", tmp.resolve("missing.json").toString()
                },
                "--model-file");
    }

    private static void assertBad(String[] args, String fragment) {
        CliRun r = CliRun.main(args);
        assertEquals(2, r.code(), String.join(" ", args) + " → " + r.err());
        String firstLine = r.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("error: ") && firstLine.contains(fragment), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
