package tradeoffs.reproduce.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceStage;

class TheoryStageTest {
    @Test
    void stagesRunInTheirListedOrder() {
        assertEquals(List.of("theory", "simulation", "classification", "bridge", "deep"),
                Stages.all().stream().map(ReproduceStage::name).toList());
    }

    @Test
    void thePhaseTableLeavesOutTheBoundaryAndRecordsTheModelsOwnRatio() {
        tradeoffs.io.ResultTable t = TheoryStage.phaseTable(TheoryStage.Grid.of(Profile.QUICK), 1);
        double[] ratio = t.doubles("scale_ratio");
        double[] sigmaS = t.doubles("sigma_spurious");
        for (int i = 0; i < ratio.length; i++) {
            assertTrue(Math.abs(ratio[i] - 1.0) > 1e-9, "boundary ratio in the grid");
            // σ_s·|η|/σ_c recomputed from the row's own parameters, exactly as the model sees it
            assertEquals(sigmaS[i] * 0.6 / 1.0, ratio[i], 0.0);
        }
        // both sides of the boundary, 39 ratios × 25 values of ε
        assertTrue(java.util.Arrays.stream(ratio).anyMatch(r -> r < 1) && java.util.Arrays.stream(ratio).anyMatch(r -> r > 1));
        assertEquals(39 * 25, t.size());
    }

    @Test
    void gridsIncludeTheirEndsWithoutRoundingDrift() {
        assertArrayEquals(new double[] {0.0, 0.05, 0.1, 0.15}, TheoryStage.grid(0, 0.15, 0.05));
        assertEquals(26, TheoryStage.grid(0, 1.25, 0.05).length);
    }
}
