package tradeoffs.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/** Robust accuracy against ε per training method: one line per method, the table's values, per norm. */
class DeepMethodsFigureTest {

    @Test
    void oneLinePerMethodWithTheTablesValuesAndNoFigureForAMissingNorm(@TempDir Path dir) {
        ResultTable t = SyntheticResults.deepMethodsByEps();
        ResultsFolder folder = ResultsFolder.of(dir, Map.of(TableNames.DEEP_METHODS_BY_EPS, t));
        Figure f = new DeepMethodsFigure("l2").draw(folder);
        assertEquals(List.of("standard", "PGD ℓ∞", "MAX ℓ∞+ℓ2", "TRADES ℓ∞", "BETA-AT ℓ∞"), f.legendSeries());
        XYSeries trades = f.chart().getSeriesMap().get("TRADES ℓ∞");
        ResultTable rows = t.where("train_method", "trades").where("norm", "l2");
        assertArrayEquals(rows.doubles("eps"), trades.getXData(), 0);
        assertArrayEquals(rows.doubles("robust_accuracy"), trades.getYData(), 0);
        // The ±2 SE bars: twice the table's SE.
        assertEquals(0.04, f.chart().getSeriesMap().get("TRADES ℓ∞ (±2 SE)").getExtraValues()[0], 1e-12);
        ResultsFolder noL1 =
                ResultsFolder.of(dir, Map.of(TableNames.DEEP_METHODS_BY_EPS, t.where("norm", n -> !n.equals("l1"))));
        assertTrue(new DeepMethodsFigure("l1").unsupported(noL1).isPresent());
        assertTrue(new DeepMethodsFigure("linf").unsupported(noL1).isEmpty());
    }
}
