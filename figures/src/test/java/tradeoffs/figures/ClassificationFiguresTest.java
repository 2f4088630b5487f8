package tradeoffs.figures;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/** The classification figures follow their tables: one series per block, classifier or model present. */
class ClassificationFiguresTest {
    @TempDir
    Path tmp;

    private ResultsFolder folder(Map<String, ResultTable> tables) {
        return ResultsFolder.of(tmp, tables);
    }

    @Test
    void frontierHasTheBoundAPathPerBlockTheOptimaAndTheRandomClassifiers() {
        Figure f = new MepFrontierFigure().draw(folder(SyntheticClassification.all()));
        assertEquals(
                List.of(
                        "MEP bound",
                        "random, Monte Carlo",
                        "d = 100",
                        "d = 1000",
                        "d = 100, weaker",
                        "ℓ∞-opt.",
                        "ℓ1-opt.",
                        "union-opt."),
                f.legendSeries());
        // without the Monte Carlo table the random classifiers go, the exact parts stay
        Figure exact = new MepFrontierFigure()
                .draw(folder(Map.of(TableNames.CLASS_FRONTIER, SyntheticClassification.frontier())));
        assertFalse(exact.legendSeries().contains("random, Monte Carlo"));
        assertEquals(f.legendSeries().size() - 1, exact.legendSeries().size());
    }

    @Test
    void invarianceShowsAtMostThreeClassifiersTwoErrorsEach() {
        Figure three = new InvarianceFigure()
                .draw(folder(Map.of(TableNames.CLASS_INVARIANCE, SyntheticClassification.invariance(0, 0.5, 1))));
        assertEquals(7, three.legendSeries().size(), three.legendSeries().toString());
        Figure five = new InvarianceFigure()
                .draw(folder(Map.of(
                        TableNames.CLASS_INVARIANCE, SyntheticClassification.invariance(0, 0.25, 0.5, 0.75, 1))));
        assertEquals(three.legendSeries(), five.legendSeries());
        assertTrue(five.legendSeries().contains("a = 0.5: invariance"));
        assertArrayEquals(new double[] {0, 0.5, 1}, InvarianceFigure.shown(new double[] {0, 0.25, 0.5, 0.75, 1}));
    }

    @Test
    void betaFigureDrawsTheRandomModelsOnlyWhenTheTableHasThem() throws Exception {
        Figure both = new BetaFigure().draw(folder(Map.of(TableNames.CLASS_BETA, SyntheticClassification.beta(true))));
        Figure counter =
                new BetaFigure().draw(folder(Map.of(TableNames.CLASS_BETA, SyntheticClassification.beta(false))));
        assertEquals(
                List.of(
                        "Monte Carlo",
                        "counterex.: exact = BETA",
                        "counterex.: cross-entropy",
                        "random: exact = BETA",
                        "random: cross-entropy"),
                both.legendSeries());
        assertEquals(both.legendSeries().subList(0, 3), counter.legendSeries());
        // the random models' cross-entropy colour (palette 3) is in the picture only when they are in the table
        BufferedImage withRandom = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(both)));
        BufferedImage without = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(counter)));
        assertTrue(PngInspection.paletteColours(withRandom, 50).contains(Palette.color(3)));
        assertFalse(PngInspection.paletteColours(without, 50).contains(Palette.color(3)));
        assertTrue(PngInspection.paletteColours(without, 50).contains(Palette.color(1)));
    }
}
