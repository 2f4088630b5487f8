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

    private Charts() {}

    /** The figures' face at {@code size} px ({@link FigureFonts}). */
    public static Font font(int size) {
        return FigureFonts.font(size);
    }

    /** An empty chart with axis titles and the house style. */
    public static XYChart xy(String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendFont(font(22));
        s.setLegendPadding(6);
        s.setLegendSeriesLineLength(36);
        s.setAxisTitleFont(font(24));
        s.setAxisTickLabelsFont(font(22));
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
        s.setAnnotationTextFont(font(19));
        s.setAnnotationTextFontColor(Color.BLACK);
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
    public static XYSeries lineWithMarkers(
            XYChart chart, String name, double[] x, double[] y, int color, int dash, int marker) {
        XYSeries s = line(chart, name, x, y, color, dash);
        s.setMarker(Palette.marker(marker));
        s.setMarkerColor(Palette.color(color));
        return s;
    }

    /** Markers only, with symmetric error bars (half-widths {@code err}; null for none). */
    public static XYSeries points(
            XYChart chart, String name, double[] x, double[] y, double[] err, int color, int marker) {
        XYSeries s = err == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        Marker m = Palette.marker(marker);
        s.setMarker(m);
        s.setMarkerColor(Palette.color(color));
        s.setLineColor(Palette.color(color));
        return s;
    }

    /**
     * A legend entry, and nothing on the plot, that says what markers drawn without their own entry
     * are: {@code label} beside a grey marker of shape {@code marker} with an error bar. Its point is
     * NaN, which XChart neither draws nor counts in the axis ranges. Returns {@code label}.
     */
    public static String key(XYChart chart, String label, int marker) {
        XYSeries s =
                chart.addSeries(label, new double[] {Double.NaN}, new double[] {Double.NaN}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(Palette.marker(marker));
        s.setMarkerColor(Palette.REFERENCE);
        s.setLineColor(Palette.REFERENCE);
        return label;
    }

    /** The legend entry of Monte Carlo means drawn as markers with their 95% confidence intervals. */
    public static final String MONTE_CARLO = "Monte Carlo mean ± 95% CI";

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
        return java.util.stream.IntStream.range(0, x.length)
                .boxed()
                .sorted((a, b) -> Double.compare(x[a], x[b]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
