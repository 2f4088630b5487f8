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
import tradeoffs.figures.DeepRelianceFigure;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Verdict;
import tradeoffs.report.evidence.DeepEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceRun;
import tradeoffs.reproduce.stage.DeepStage;
import tradeoffs.reproduce.stage.Stages;

/**
 * The deep stage of {@code reproduce} in miniature, across modules: the tables it writes (deep)
 * feed the deep evidence (report) and the BG-gap figure (figures) through the derived table.
 */
class DeepStageTest {

    @Test
    void miniatureRunWritesTheTablesTheContributorAndFigureRead(@TempDir Path dir) {
        DeepStage.Plan tiny = new DeepStage.Plan(8, 96, 50, 1, 2, 2, 1, new double[] {0.03},
                new double[] {0.3}, 2);
        Manifest manifest = new Manifest("reproduce");
        new DeepStage(tiny).run(new ReproduceContext(Profile.QUICK, dir, 3, 1, manifest,
                new PrintStream(new ByteArrayOutputStream())));
        ResultsFolder folder = ResultsFolder.read(dir);
        ResultTable training = folder.require(TableNames.DEEP_TRAINING);
        // two benchmarks × (standard, l2, linf) × two training seeds
        assertEquals(12, training.size());
        assertEquals(List.of("bg<fg", "bg>fg"), training.distinct("benchmark"));
        assertEquals(List.of("standard", "l2", "linf"), training.distinct("train_norm"));
        assertEquals(List.of("0", "1"), training.distinct("replicate"));
        assertEquals(List.of("0", "1"), folder.require(TableNames.DEEP_RELIANCE).distinct("replicate"));
        assertEquals(12 * 2 * 2, folder.require(TableNames.DEEP_ROBUST).size(), "2 eval norms × (0, ε) per model");
        // The seeds really differ: the same regime's two replicates end training at different losses.
        ResultTable std = training.where("benchmark", "bg<fg").where("train_norm", "standard");
        assertTrue(std.getDouble(0, "final_loss") != std.getDouble(1, "final_loss"),
                "replicates train with different seeds: " + std.strings("final_loss"));
        try (var models = java.nio.file.Files.list(dir.resolve("deep/models/bglfg"))) {
            assertEquals(6, models.count(), "3 regimes × 2 seeds saved apart");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // The verdict rows report the seed count, and the trends pair 2 replicates.
        assertTrue(tradeoffs.report.evidence.RelianceTrends.compute(folder.require(TableNames.DEEP_RELIANCE)).stream()
                .allMatch(t -> t.replicateChanges().length == 2));
        List<ClaimEvidence> rows = new DeepEvidence().evidence(folder);
        assertTrue(rows.stream().anyMatch(r -> r.claim() == Claim.LINF_SCALE_CONDITION && r.verdict() != Verdict.NOT_TESTED));
        assertTrue(rows.stream().anyMatch(r -> r.claim() == Claim.L1_L2_INCREASE_RELIANCE && r.verdict() != Verdict.NOT_TESTED));
        ResultsFolder withDerived = ReproduceRun.withDerivedTables(folder, Stages.contributors());
        assertFalse(new DeepRelianceFigure().unsupported(withDerived).isPresent(), "the figure can be drawn from the folder");
        assertEquals("deep_bg_gap", new DeepRelianceFigure().draw(withDerived).id());
        assertTrue(manifest.toMap().toString().contains("deep.epochs"));
        assertTrue(manifest.toMap().toString().contains("deep.replicates=2"), manifest.toMap().toString());
    }
}
