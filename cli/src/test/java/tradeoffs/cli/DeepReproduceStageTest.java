package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.reproduce.Profile;
import tradeoffs.cli.reproduce.ReproduceContext;
import tradeoffs.cli.reproduce.ReproduceStage;
import tradeoffs.cli.reproduce.ReproduceStages;
import tradeoffs.figures.ResultsFolder;
import tradeoffs.figures.report.Claim;
import tradeoffs.figures.report.ClaimEvidence;
import tradeoffs.figures.report.Verdict;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;

/** The deep stage of reproduce, wired end to end on a miniature plan. */
class DeepReproduceStageTest {

    @Test
    void registeredAfterTheBuiltInStages() {
        List<ReproduceStage> stages = ReproduceStages.discover();
        assertTrue(stages.stream().anyMatch(s -> s instanceof DeepReproduceStage), "found through ServiceLoader");
        assertEquals(300, new DeepReproduceStage().order());
    }

    @Test
    void miniatureRunWritesTheTablesTheContributorAndFigureRead(@TempDir Path dir) {
        DeepReproduceStage.Plan tiny = new DeepReproduceStage.Plan(8, 96, 50, 1, 2, 2, 1, new double[] {0.03},
                new double[] {0.3}, 2);
        Manifest manifest = new Manifest("reproduce");
        new DeepReproduceStage(tiny).run(new ReproduceContext(Profile.QUICK, dir, 3, 1, manifest,
                new PrintStream(new ByteArrayOutputStream())));
        ResultsFolder folder = ResultsFolder.read(dir);
        ResultTable training = folder.require(DeepEvidence.TRAINING);
        // two benchmarks × (standard, l2, linf) × two training seeds
        assertEquals(12, training.size());
        assertEquals(List.of("bg<fg", "bg>fg"), training.distinct("benchmark"));
        assertEquals(List.of("standard", "l2", "linf"), training.distinct("train_norm"));
        assertEquals(List.of("0", "1"), training.distinct("replicate"));
        assertEquals(List.of("0", "1"), folder.require(DeepEvidence.RELIANCE).distinct("replicate"));
        assertEquals(12 * 2 * 2, folder.require(DeepEvidence.ROBUST).size(), "2 eval norms × (0, ε) per model");
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
        assertTrue(tradeoffs.deep.eval.RelianceTrends.compute(folder.require(DeepEvidence.RELIANCE)).stream()
                .allMatch(t -> t.replicateChanges().length == 2));
        List<ClaimEvidence> rows = new DeepEvidence().evidence(folder);
        assertTrue(rows.stream().anyMatch(r -> r.claim() == Claim.LINF_SCALE_CONDITION && r.verdict() != Verdict.NOT_TESTED));
        assertTrue(rows.stream().anyMatch(r -> r.claim() == Claim.L1_L2_INCREASE_RELIANCE && r.verdict() != Verdict.NOT_TESTED));
        assertFalse(new DeepRelianceFigure().unsupported(folder).isPresent(), "the figure can be drawn from the folder");
        assertEquals("deep_bg_gap", new DeepRelianceFigure().draw(folder).id());
        assertTrue(manifest.toMap().toString().contains("deep.epochs"));
        assertTrue(manifest.toMap().toString().contains("deep.replicates=2"), manifest.toMap().toString());
    }
}
