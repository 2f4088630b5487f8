package tradeoffs.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The renderer's text helpers (the full-report tests are in the evidence package, beside the evidence they render). */
class ReportRendererTextTest {
    @Test
    void evidenceTextEndsWithAFullStopBeforeTheParameters() {
        assertEquals("BG-gap 0.12.", ReportRenderer.sentence("BG-gap 0.12"));
        assertEquals("done.", ReportRenderer.sentence("done. "));
    }

    @Test
    void paragraphsWithDashLinesBecomeLists() {
        assertEquals(
                "<p>Tables:</p>\n<ul>\n<li><code>a.csv</code>: x &lt; y</li>\n<li>b</li>\n</ul>\n",
                ReportRenderer.paragraphs("Tables:\n\n- `a.csv`: x < y\n- b\n"));
    }
}
