package tradeoffs.cli.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.CliRun;
import tradeoffs.io.Json;
import tradeoffs.io.ResultTable;

/** {@code tradeoffs classification ...} through {@link Main#run}. */
class ClassificationCommandTest {
    @TempDir
    Path tmp;

    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    @Test
    void multiPerturbationTableHasTheDocumentedColumnsAndTheMepBound() {
        CliRun r = CliRun.main(
                "classification",
                "multi-perturbation",
                "--p0",
                "0.95",
                "--dim",
                "100",
                "--alpha",
                "2",
                "--points",
                "5");
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.parseCsv(r.out());
        assertEquals(tradeoffs.io.tables.MultiPerturbationTable.COLUMNS, t.columns());
        assertEquals(List.of("path", "opt_linf", "opt_l1", "opt_union", "opt_avg"), t.distinct("classifier"));
        assertEquals(9, t.size());
        // default ε_∞ = 2η = 2·2/10, ε₁ = 2: the MEP premise holds and every row respects it
        assertEquals(0.4, t.getDouble(0, "eps_linf"), 1e-15);
        for (int i = 0; i < t.size(); i++) {
            assertEquals("true", t.get(i, "mep_applies"));
            assertTrue(t.getDouble(i, "error_sum") >= 1 - 1e-12);
        }
        // the path's ends, by hand: x₀ alone (p₀, 0) and the weak features alone (Φ(α − ε_∞√d), Φ(α − ε₁/√d))
        ResultTable path = t.where("classifier", "path");
        assertEquals(0.95, path.getDouble(0, "linf_accuracy"), 1e-12);
        assertEquals(0.0, path.getDouble(0, "l1_accuracy"), 1e-12);
        assertEquals(phi(2 - 4), path.getDouble(4, "linf_accuracy"), 1e-12);
        assertEquals(phi(2 - 0.2), path.getDouble(4, "l1_accuracy"), 1e-12);
        // the ℓ∞ robust accuracy falls and the ℓ1 one rises along the path: the tradeoff
        double[] linf = path.doubles("linf_accuracy");
        double[] l1 = path.doubles("l1_accuracy");
        for (int i = 1; i < 5; i++) {
            assertTrue(linf[i] <= linf[i - 1] + 1e-12 && l1[i] >= l1[i - 1] - 1e-12, "row " + i);
        }
        assertTrue(r.err().contains("[derived]"));
    }

    @Test
    void gridsMultiplyAndJsonGoesToAFileWithAManifest() throws Exception {
        Path out = tmp.resolve("mp.json");
        CliRun r = CliRun.main(
                "classification",
                "multi-perturbation",
                "--dim",
                "4,9",
                "--eps-linf",
                "0.1,0.5",
                "--eps-l1",
                "1",
                "--points",
                "3",
                "--no-optimal",
                "--format",
                "json",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        JsonNode root = Json.MAPPER.readTree(Files.readString(out));
        assertEquals(2 * 2 * 3, root.get("rows").size());
        assertTrue(root.get("provenance").get("union_accuracy").asText().startsWith("[derived]"));
        JsonNode first = root.get("rows").get(0);
        assertEquals(4, first.get("dim").asInt());
        assertEquals(false, first.get("mep_applies").asBoolean()); // ε₁ = 1 < 2
        assertTrue(Files.readString(tmp.resolve("mp.json.manifest.json"))
                .contains("\"classification multi-perturbation\""));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void invarianceTable() throws Exception {
        Path out = tmp.resolve("inv.csv");
        CliRun r = CliRun.main(
                "classification",
                "invariance",
                "--mu-s",
                "1",
                "--sigma-s",
                "1",
                "--mu-r",
                "2",
                "--sigma-r",
                "0.5",
                "--mix",
                "0,1",
                "--eps",
                "0:1:0.5",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.readCsv(out);
        assertEquals(tradeoffs.io.tables.InvarianceTable.COLUMNS, t.columns());
        assertEquals(6, t.size());
        assertEquals(List.of("non-semantic", "semantic"), t.distinct("classifier"));
        ResultTable r0 = t.where("classifier", "non-semantic");
        // docs/math.md §10.5 by hand at ε = 0.5: Φ((μ_r − ε)/σ_r) and [Φ(μ_s/σ_s) − Φ((μ_s − ε)/σ_s)]·Φ(μ_r/σ_r)
        assertEquals(phi(3), r0.getDouble(1, "robust_accuracy"), 1e-12);
        assertEquals((phi(1) - phi(0.5)) * phi(4), r0.getDouble(1, "invariance_error"), 1e-12);
        ResultTable r1 = t.where("classifier", "semantic");
        assertEquals(phi(0.5), r1.getDouble(1, "robust_accuracy"), 1e-12);
        assertEquals(0.0, r1.getDouble(2, "invariance_error"), 0);
        // as ε grows the non-semantic classifier keeps its robustness but its invariance error grows
        double[] ie = r0.doubles("invariance_error");
        assertTrue(ie[0] == 0 && ie[1] > 0 && ie[2] > ie[1]);
        assertTrue(Files.exists(tmp.resolve("inv.csv.manifest.json")));
    }

    @Test
    void registeredAndHelpful() {
        CliRun top = CliRun.main("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("classification"), top.out());
        CliRun help = CliRun.main("classification", "multi-perturbation", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--eps-linf") && help.out().contains("Example"), help.out());
    }

    @Test
    void badInputIsOneLineExitTwoNamingTheFlagAndRange() {
        assertBad("--p0 values must be in [0.5, 1] (got 0.4)", "classification", "multi-perturbation", "--p0", "0.4");
        assertBad("--p0 values must be in [0.5, 1]", "classification", "multi-perturbation", "--p0", "0.9,1.2");
        assertBad(
                "--dim values must be integers in [1, 1000000]",
                "classification",
                "multi-perturbation",
                "--dim",
                "2.5");
        assertBad("--dim values must be in [1, 1000000]", "classification", "multi-perturbation", "--dim", "0");
        assertBad("--alpha values must be >= 0", "classification", "multi-perturbation", "--alpha", "-1");
        assertBad("--eps-linf values must be >= 0", "classification", "multi-perturbation", "--eps-linf", "-0.1");
        assertBad("--eps-l1 step must be > 0", "classification", "multi-perturbation", "--eps-l1", "0:1:0");
        assertBad("--points must be in [2, 10000]", "classification", "multi-perturbation", "--points", "1");
        assertBad("--format must be csv or json", "classification", "multi-perturbation", "--format", "xml");
        assertBad("--sigma-s must be finite and > 0 (got -1.0)", "classification", "invariance", "--sigma-s", "-1");
        assertBad("--sigma-r must be finite and > 0", "classification", "invariance", "--sigma-r", "0");
        assertBad("--mix values must be in [0, 1]", "classification", "invariance", "--mix", "1.5");
        assertBad("--eps values must be >= 0", "classification", "invariance", "--eps", "-1");
        assertBad("--mu-s", "classification", "invariance", "--mu-s", "abc");
        assertBad("subcommand", "classification");
    }

    private static void assertBad(String fragment, String... args) {
        CliRun r = CliRun.main(args);
        assertEquals(2, r.code(), String.join(" ", args) + " → " + r.err());
        String firstLine = r.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("error: ") && firstLine.contains(fragment), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
