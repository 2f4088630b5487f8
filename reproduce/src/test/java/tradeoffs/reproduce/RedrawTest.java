package tradeoffs.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.theory.ParameterException;

/** Figures (and the report) of a folder already written: the checks of the folder, then the drawing. */
class RedrawTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingOrEmptyFolderIsRefusedNamingIn() {
        assertEquals(
                "in",
                assertThrows(ParameterException.class, () -> Redraw.read(tmp.resolve("none"), null, false))
                        .parameter());
        ParameterException empty = assertThrows(ParameterException.class, () -> Redraw.read(tmp, null, false));
        assertEquals("in", empty.parameter());
        assertTrue(empty.got().endsWith("which holds none"), empty.got());
    }

    @Test
    void theReportKeepsItsFiguresBesideIt() throws IOException {
        table();
        assertEquals(
                "out",
                assertThrows(ParameterException.class, () -> Redraw.read(tmp, tmp.resolve("elsewhere"), true))
                        .parameter());
        // the default place, spelled out, is accepted
        Redraw.read(tmp, tmp.resolve("figures"), true);
        assertEquals(tmp.resolve("figures"), Redraw.figuresDir(tmp, null));
        assertEquals(tmp.resolve("x"), Redraw.figuresDir(tmp, tmp.resolve("x")));
    }

    @Test
    void everyFigureIsDrawnOrSkippedWithAReasonAndOnlyTheReportRunWritesTheReport() throws IOException {
        table();
        ResultsFolder folder = Redraw.read(tmp, tmp.resolve("figs"), false);
        FigureRegistry.Outcome o =
                Redraw.draw(folder, List.of(), tmp.resolve("figs"), false, new Manifest("figures"), "x");
        assertEquals(
                FigureRegistry.standard().specs().size(),
                o.drawn().size() + o.skipped().size());
        assertTrue(Files.exists(tmp.resolve("figs/manifest.json")));
        assertFalse(Files.exists(tmp.resolve("report.md")));
        Redraw.draw(Redraw.read(tmp, null, true), List.of(), null, true, new Manifest("figures"), "tradeoffs figures");
        assertTrue(Files.readString(tmp.resolve("report.md")).contains("tradeoffs figures"));
        assertTrue(Files.exists(tmp.resolve("report.html")));
    }

    private void table() {
        ResultTable.builder("a", "b").row(1, 2).build().writeCsv(tmp.resolve("t.csv"));
    }
}
