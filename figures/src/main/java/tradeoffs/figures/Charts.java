package tradeoffs.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of every figure: 720×540 px (printed 8 cm wide, 22 px ticks and legend text are
 * 7 pt), white background, large fonts, light grid, and helpers for the three kinds of series we
 * draw (theory lines, Monte Carlo points with error bars, reference lines).
 */
public final class Charts {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 540;
    private static final String FONT = Font.SANS_SERIF;

    private Charts() {
    }

    /** An empty chart with axis titles and the house style. */
    public static XYChart xy(String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 22));
        s.setLegendPadding(6);
        s.setLegendSeriesLineLength(36);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 24));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 22));
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setAxisTitlePadding(8);
        s.setChartPadding(12);
        s.setMarkerSize(10);
        s.setErrorBarsColorSeriesColor(true);
        s.setAntiAlias(true);
        s.setXAxisDecimalPattern("0.0##");
        s.setYAxisDecimalPattern("0.0##");
        s.setXAxisTickMarkSpacingHint(90);
        s.setXAxisMaxLabelCount(8); // XChart ignores the hint when the x values are an evenly spaced grid
        s.setYAxisTickMarkSpacingHint(60);
        return chart;
    }

    /** A line (no markers): colour {@code color}, dash pattern {@code dash} (indices into {@link Palette}). */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, int color, int dash) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(Palette.color(color));
        s.setLineStyle(Palette.stroke(dash));
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** A line with markers: colour, dash pattern and marker shape by index into {@link Palette}. */
    public static XYSeries lineWithMarkers(XYChart chart, String name, double[] x, double[] y, int color, int dash,
            int marker) {
        XYSeries s = line(chart, name, x, y, color, dash);
        s.setMarker(Palette.marker(marker));
        s.setMarkerColor(Palette.color(color));
        return s;
    }

    /** Markers only, with symmetric error bars (half-widths {@code err}; null for none). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y, double[] err, int color,
            int marker) {
        XYSeries s = err == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        Marker m = Palette.marker(marker);
        s.setMarker(m);
        s.setMarkerColor(Palette.color(color));
        s.setLineColor(Palette.color(color));
        return s;
    }

    /** A grey dashed reference line that is not in the legend unless named. */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y, boolean inLegend) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(Palette.REFERENCE);
        BasicStroke st = Palette.referenceStroke();
        s.setLineStyle(st);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(inLegend);
        return s;
    }

    /** {@code values} permuted by {@code order} (a line's points in the order of its x values). */
    static double[] permuted(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    /** The indices of {@code x} in ascending order of x (stable). */
    static int[] ascending(double[] x) {
        return java.util.stream.IntStream.range(0, x.length).boxed()
                .sorted((a, b) -> Double.compare(x[a], x[b])).mapToInt(Integer::intValue).toArray();
    }
}
