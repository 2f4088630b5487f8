package tradeoffs.tests.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Verdict;
import tradeoffs.report.evidence.BridgeEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.stage.BridgeStage;
import tradeoffs.reproduce.stage.Stages;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialSolution;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * The bridge's {@code reproduce} stage: in the list of stages, writes
 * {@code bridge_linear.csv} with the theory beside the DJL-trained models (a miniature plan here;
 * the quick profile's timing is in docs/bridge.md), and its verdicts follow the numbers.
 */
class BridgeStageTest {
    static final List<String> COLUMNS = List.of(
            "norm",
            "eps",
            "sigma_core",
            "sigma_spurious",
            "eta",
            "noise",
            "n",
            "reps",
            "w_core_theory",
            "w_spurious_theory",
            "spurious_reliance_theory",
            "w_core_deep",
            "w_core_deep_se",
            "w_spurious_deep",
            "w_spurious_deep_se",
            "spurious_reliance_deep",
            "spurious_reliance_deep_se",
            "objective_deep",
            "optimisation_allowance");

    @Test
    void stageIsRegisteredAndWritesTheBridgeTable(@TempDir Path dir) {
        assertTrue(
                Stages.all().stream()
                        .anyMatch(s -> s instanceof BridgeStage && s.name().equals("bridge")),
                "the bridge stage is in the list of stages");
        Manifest manifest = new Manifest("reproduce");
        ReproduceContext ctx =
                new ReproduceContext(Profile.QUICK, dir, 5, 1, manifest, new PrintStream(new ByteArrayOutputStream()));
        new BridgeStage(new BridgeStage.Plan(400, 2, new double[] {0, 0.5})).run(ctx);
        assertTrue(Files.exists(dir.resolve("bridge_linear.csv")));
        ResultTable t = ResultTable.readCsv(dir.resolve("bridge_linear.csv"));
        assertEquals(COLUMNS, t.columns());
        assertEquals(BridgeStage.SETTINGS.size() * 2, t.size());
        for (int i = 0; i < t.size(); i++) {
            CoreSpuriousModel model = CoreSpuriousModel.twoFeature(
                    t.getDouble(i, "sigma_core"),
                    t.getDouble(i, "sigma_spurious"),
                    t.getDouble(i, "eta"),
                    t.getDouble(i, "noise"));
            AdversarialSolution th = AdversarialTraining.solve(
                    model.toGaussian(), LpNorm.parse(t.get(i, "norm")), t.getDouble(i, "eps"));
            assertEquals(th.w(0), t.getDouble(i, "w_core_theory"), 1e-12, "theory column row " + i);
            assertEquals(th.w(1), t.getDouble(i, "w_spurious_theory"), 1e-12, "theory column row " + i);
            // n = 400, 2 repetitions: sd of a weight ≈ 0.03 (FiniteSampleSpread scaled from n = 2000), so 0.15 is 5σ
            // of the mean plus the optimisation allowance.
            assertEquals(th.w(0), t.getDouble(i, "w_core_deep"), 0.15, "deep vs theory w_core row " + i);
            assertEquals(2, (int) t.getDouble(i, "reps"));
            assertTrue(t.getDouble(i, "w_core_deep_se") > 0, "a standard error from two repetitions");
        }
        assertEquals(
                400,
                manifest.toMap().get("parameters") instanceof Map<?, ?> p
                        ? ((Number) p.get("bridge.n")).intValue()
                        : -1);
        // the training times are in the manifest, one per row, not in the table (same seed, same bytes)
        List<?> times = (List<?>) manifest.toMap().get(BridgeStage.POINT_SECONDS);
        assertEquals(t.size(), times.size());
        for (int i = 0; i < t.size(); i++) {
            Map<?, ?> time = (Map<?, ?>) times.get(i);
            assertEquals(t.get(i, "norm"), time.get("norm"));
            assertEquals(t.getDouble(i, "eps"), ((Number) time.get("eps")).doubleValue());
            assertTrue(((Number) time.get("seconds")).doubleValue() > 0);
        }
        List<ClaimEvidence> ev = new BridgeEvidence().evidence(ResultsFolder.read(dir));
        assertEquals(2, ev.size(), ev.toString());
        for (ClaimEvidence e : ev) {
            assertEquals(Level.DEEP_LINEAR, e.level());
            assertNotEquals(Verdict.NOT_TESTED, e.verdict());
            assertTrue(e.evidence().startsWith("DJL"), e.evidence());
        }
    }

    @Test
    void verdictsFollowTheNumbers() {
        assertEquals(Verdict.HOLDS, verdict(table(0.3, 0.0, 0.04), Claim.L1_L2_INCREASE_RELIANCE));
        assertEquals(Verdict.HOLDS, verdict(table(0.3, 0.0, 0.04), Claim.LINF_SCALE_CONDITION));
        // ℓ2 reliance flat: claim 1 fails.
        assertEquals(Verdict.FAILS, verdict(table(0.0, 0.0, 0.04), Claim.L1_L2_INCREASE_RELIANCE));
        // ℓ∞ below the scale condition but w_s = 0.05 ± 0.001: claim 2 fails.
        assertEquals(Verdict.FAILS, verdict(table(0.3, 0.05, 0.04), Claim.LINF_SCALE_CONDITION));
        // ℓ∞ above the condition but w_s within its error bar of 0: claim 2 fails.
        assertEquals(Verdict.FAILS, verdict(table(0.3, 0.0, 0.004), Claim.LINF_SCALE_CONDITION));
        // A table without its optimisation_allowance column (an older folder) cannot pass claim 2's bar.
        ResultTable old = table(0.3, 0.0, 0.04);
        List<String> cols = old.columns().subList(0, old.columns().size() - 1);
        List<List<String>> rows =
                old.rows().stream().map(r -> r.subList(0, r.size() - 1)).toList();
        assertEquals(Verdict.FAILS, verdict(new ResultTable(cols, rows), Claim.LINF_SCALE_CONDITION));
        // No table: no rows (the CNN stage speaks for the deep level then).
        assertTrue(new BridgeEvidence()
                .evidence(ResultsFolder.of(Path.of("."), Map.of()))
                .isEmpty());
    }

    static Verdict verdict(ResultTable t, Claim c) {
        List<ClaimEvidence> ev =
                new BridgeEvidence().evidence(ResultsFolder.of(Path.of("."), Map.of("bridge_linear", t)));
        return ev.stream()
                .filter(e -> e.claim() == c)
                .map(ClaimEvidence::verdict)
                .findFirst()
                .orElse(Verdict.NOT_TESTED);
    }

    /**
     * A synthetic table: ℓ1/ℓ2 reliance = slope·ε (se 0.01); ℓ∞ with σ_s = 1.25 (below the condition)
     * w_s = belowWs (se 0.001); ℓ∞ with σ_s = 4 (above) w_s = aboveWs·ε/0.5 and reliance = 2·w_s (se 0.002).
     */
    static ResultTable table(double l2Slope, double belowWs, double aboveWs) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        double[] eps = {0, 0.1, 0.2, 0.3, 0.5};
        List<Object[]> rows = new ArrayList<>();
        for (double e : eps) {
            rows.add(row("l1", e, 1.0, 0.9, 0.3 * e, 0.3 * e, 0.01, 0.3 * e, 0.01));
            rows.add(row("l2", e, 1.0, 0.9, 0.3 * e, l2Slope * e, 0.01, l2Slope * e, 0.01));
            rows.add(row("linf", e, 1.25, 0.9, e > 0 ? belowWs : 0.0, 0.0, 0.001, 0.0, 0.001));
            double ws = aboveWs * e / 0.5;
            rows.add(row("linf", e, 4.0, 0.9, ws, 2 * ws, 0.002, 2 * ws, 0.002));
        }
        for (Object[] r : rows) {
            b.row(r);
        }
        return b.build();
    }

    static Object[] row(
            String norm,
            double eps,
            double ss,
            double wc,
            double ws,
            double rel,
            double wsSe,
            double relTheory,
            double relSe) {
        return new Object[] {
            norm, eps, 1.0, ss, 0.6, 0.5, 1000, 4, wc, relTheory, relTheory, wc, 0.01, ws, wsSe, rel, relSe, 0.5, 0.005
        };
    }
}
