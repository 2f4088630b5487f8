package tradeoffs.tests.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.figures.DeepPhaseFigure;
import tradeoffs.figures.DeepRelianceFigure;
import tradeoffs.figures.DeepShiftFigure;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Verdict;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceRun;
import tradeoffs.reproduce.stage.DeepPlan;
import tradeoffs.reproduce.stage.DeepStage;
import tradeoffs.reproduce.stage.Stages;

/**
 * The deep stage of {@code reproduce} in miniature, across modules: the tables it writes (deep)
 * feed the deep evidence (report) and the BG-gap figure (figures) through the derived table.
 */
class DeepStageTest {

    @Test
    void miniatureRunWritesTheTablesTheContributorAndFigureRead(@TempDir Path dir) {
        // two main benchmarks, one scale-ratio benchmark (r = 1.25), the uncorrelated one; two seeds
        DeepPlan tiny = new DeepPlan(
                8,
                96,
                50,
                1,
                2,
                2,
                1,
                new double[] {0.03},
                new double[] {0.3},
                2,
                new double[] {1.25},
                new double[] {0.9, 0.2},
                true);
        Manifest manifest = new Manifest("reproduce");
        new DeepStage(tiny)
                .run(new ReproduceContext(
                        Profile.QUICK, dir, 3, 1, manifest, new PrintStream(new ByteArrayOutputStream())));
        ResultsFolder folder = ResultsFolder.read(dir);
        ResultTable training = folder.require(TableNames.DEEP_TRAINING);
        // four benchmarks × (standard, l2, linf) × two training seeds
        assertEquals(24, training.size());
        assertEquals(tiny.models(), training.size());
        assertEquals(List.of("bg<fg", "bg>fg", "r=1.25", "rho=1/K"), training.distinct("benchmark"));
        assertEquals(List.of("standard", "l2", "linf"), training.distinct("train_norm"));
        assertEquals(List.of("0", "1"), training.distinct("replicate"));
        assertEquals(List.of("0", "1"), folder.require(TableNames.DEEP_RELIANCE).distinct("replicate"));
        // robust accuracy only on the main benchmarks: 2 × 3 regimes × 2 seeds × 2 eval norms × (0, ε)
        assertEquals(12 * 2 * 2, folder.require(TableNames.DEEP_ROBUST).size());
        // every correlated model at ρ′ ∈ {0.9, 0.2} and the reversed pairing; the uncorrelated ones are not shifted
        ResultTable shift = folder.require(TableNames.DEEP_SHIFT);
        assertEquals(18 * 3, shift.size());
        assertEquals(List.of("same", "next"), shift.distinct("pairing"));
        // the uncorrelated models scored on the correlated test images (ρ′ = 0.9), 2 norms × (0, ε)
        ResultTable robustShift = folder.require(TableNames.DEEP_ROBUST_SHIFT);
        assertEquals(6 * 2 * 2, robustShift.size());
        assertEquals(List.of("0.9"), robustShift.distinct("rho_test"));
        assertEquals(List.of("rho=1/K"), robustShift.distinct("benchmark"));
        // the settings table: one row per benchmark, the scale ratio that was asked for
        ResultTable settings = folder.require(TableNames.DEEP_SETTINGS);
        assertEquals(4, settings.size());
        assertEquals(1.25, settings.where("benchmark", "r=1.25").getDouble(0, "scale_ratio"), 1e-9);
        // The seeds really differ: the same regime's two replicates end training at different losses.
        ResultTable std = training.where("benchmark", "bg<fg").where("train_norm", "standard");
        assertTrue(
                std.getDouble(0, "final_loss") != std.getDouble(1, "final_loss"),
                "replicates train with different seeds: " + std.strings("final_loss"));
        try (var models = java.nio.file.Files.list(dir.resolve("deep/models/bglfg"))) {
            assertEquals(6, models.count(), "3 regimes × 2 seeds saved apart");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // The verdict rows report the seed count, and the trends pair 2 replicates.
        assertTrue(tradeoffs.report.evidence.RelianceTrends.compute(folder.require(TableNames.DEEP_RELIANCE)).stream()
                .allMatch(t -> t.replicateChanges().length == 2));
        List<ClaimEvidence> rows = new DeepStage().contributor().evidence(folder);
        for (Claim c : List.of(
                Claim.L1_L2_INCREASE_RELIANCE,
                Claim.LINF_SCALE_CONDITION,
                Claim.SHIFT_HURTS,
                Claim.SPURIOUS_HELPS_ROBUSTNESS,
                Claim.DEEP_BACKGROUNDS)) {
            assertTrue(
                    rows.stream().anyMatch(r -> r.claim() == c && r.verdict() != Verdict.NOT_TESTED),
                    c + " has a CNN verdict: " + rows);
        }
        ResultsFolder withDerived = ReproduceRun.withDerivedTables(folder, Stages.contributors());
        for (var fig : List.of(new DeepRelianceFigure(), new DeepPhaseFigure(), new DeepShiftFigure())) {
            assertFalse(fig.unsupported(withDerived).isPresent(), fig.id() + " can be drawn from the folder");
            assertEquals(fig.id(), fig.draw(withDerived).id());
        }
        assertTrue(manifest.toMap().toString().contains("deep.epochs"));
        assertTrue(
                manifest.toMap().toString().contains("deep.replicates=2"),
                manifest.toMap().toString());
    }

    @Test
    void methodsSettingAloneWritesItsTablesFigureAndSection(@TempDir Path dir) {
        java.util.Map<tradeoffs.deep.attack.PerturbationNorm, double[]> grid = new java.util.LinkedHashMap<>();
        grid.put(tradeoffs.deep.attack.PerturbationNorm.LINF, new double[] {0, 0.015, 0.03});
        grid.put(tradeoffs.deep.attack.PerturbationNorm.L2, new double[] {0, 0.3});
        var linf = new tradeoffs.deep.eval.Regime.Ball(tradeoffs.deep.attack.PerturbationNorm.LINF, 0.03);
        var l2 = new tradeoffs.deep.eval.Regime.Ball(tradeoffs.deep.attack.PerturbationNorm.L2, 0.3);
        DeepPlan tiny = new DeepPlan(
                8,
                64,
                30,
                1,
                2,
                2,
                1,
                new double[] {0.03},
                new double[] {0.3},
                2,
                new double[0],
                new double[] {0.9},
                false,
                new DeepPlan.Methods(
                        List.of(
                                tradeoffs.deep.eval.Regime.standard(),
                                tradeoffs.deep.eval.Regime.of(tradeoffs.deep.train.TrainConfig.Method.PGD, linf),
                                tradeoffs.deep.eval.Regime.of(tradeoffs.deep.train.TrainConfig.Method.MAX, linf, l2),
                                tradeoffs.deep.eval.Regime.of(tradeoffs.deep.train.TrainConfig.Method.TRADES, linf),
                                tradeoffs.deep.eval.Regime.of(tradeoffs.deep.train.TrainConfig.Method.BETA, linf)),
                        grid,
                        20,
                        1,
                        10,
                        2));
        Manifest manifest = new Manifest("reproduce");
        new DeepStage(tiny, java.util.Set.of(DeepPlan.METHODS))
                .run(new ReproduceContext(
                        Profile.QUICK, dir, 3, 1, manifest, new PrintStream(new ByteArrayOutputStream())));
        ResultsFolder folder = ResultsFolder.read(dir);
        assertTrue(folder.table(TableNames.DEEP_TRAINING).isEmpty(), "only the methods setting ran");
        ResultTable training = folder.require(TableNames.DEEP_METHODS_TRAINING);
        assertEquals(List.of("standard", "pgd", "max", "trades", "beta"), training.strings("train_method"));
        assertEquals(List.of(DeepPlan.METHODS_LABEL), training.distinct("benchmark"));
        // 5 models × (ℓ∞ at 0, 0.015, 0.03 + ℓ2 at 0, 0.3); one union row and one epoch row per model
        assertEquals(5 * 5, folder.require(TableNames.DEEP_METHODS_ROBUST).size());
        assertEquals(5, folder.require(TableNames.DEEP_METHODS_UNION).size());
        assertEquals(5, folder.require(TableNames.DEEP_METHODS_EPOCHS).size());
        ResultTable settings = folder.require(TableNames.DEEP_SETTINGS);
        assertEquals(List.of("methods"), settings.strings("role"));
        assertEquals(
                "standard linf:0.03 max linf:0.03+l2:0.3 trades linf:0.03 beta linf:0.03",
                settings.get(0, "train_regimes"));
        assertTrue(settings.get(0, "measures").contains("per-epoch(pgd-ce-linf:0.03,2 steps,10 images)"));
        ResultsFolder withDerived = ReproduceRun.withDerivedTables(folder, Stages.contributors());
        var fig = new tradeoffs.figures.DeepMethodsFigure("linf");
        assertFalse(fig.unsupported(withDerived).isPresent(), fig.id() + " can be drawn");
        assertEquals(5, fig.draw(withDerived).legendSeries().size());
        assertTrue(new tradeoffs.figures.DeepMethodsFigure("l1")
                .unsupported(withDerived)
                .isPresent());
        assertTrue(new DeepStage()
                .contributor().sections(withDerived).stream()
                        .anyMatch(sec -> sec.title().equals("Deep: training methods side by side")));
        assertTrue(
                manifest.toMap().toString().contains("deep.methods="),
                manifest.toMap().toString());
    }
}
