package tradeoffs.figures;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Risk in a shifted domain, MSE_η′ = (1−a)² + b² + σ_n² − 2(1−a)bη′ (docs/math.md §5.2), against the
 * test correlation η′ for one norm, one line per training ε. The training η is marked.
 */
public final class ShiftedRiskFigure implements FigureSpec {
    private final String norm;

    public ShiftedRiskFigure(String norm) {
        this.norm = norm;
    }

    /** The ℓ2 figure (the default norm). */
    public ShiftedRiskFigure() {
        this("l2");
    }

    @Override
    public String id() {
        return "shifted_risk_" + norm;
    }

    @Override
    public String caption() {
        return "Risk when the spurious correlation changes from its training value η to η′ (" + normLabel(norm)
                + " adversarial training, one line per ε; docs/math.md §5.2). At η′ = η (dashed) each line gives its "
                + "model's in-domain risk; a steeper line means a model that loses more when the correlation "
                + "weakens. The standard model (ε = 0) does not use x_s, so its line is flat.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_SHIFT, THEORY_SHIFT_COLUMNS));
    }

    @Override
    public Optional<String> unsupported(ResultsFolder folder) {
        Optional<String> base = FigureSpec.super.unsupported(folder);
        if (base.isPresent()) {
            return base;
        }
        if (folder.require(THEORY_SHIFT).where(NORM, norm).size() == 0) {
            return Optional.of(file(THEORY_SHIFT) + " has no rows for norm " + norm);
        }
        return Optional.empty();
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(THEORY_SHIFT).where(NORM, norm);
        XYChart chart = Charts.xy("test-domain spurious correlation η′", "shifted-domain risk MSE_η′");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<String> legend = new ArrayList<>();
        double[] eps = Columns.distinctSorted(t, EPS);
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < eps.length; k++) {
            double[][] xy = Columns.sortedXY(Columns.whereNear(t, EPS, eps[k]), ETA_TEST, SHIFTED_RISK);
            String name = "ε=" + Columns.num(eps[k]);
            Charts.lineWithMarkers(chart, name, xy[0], xy[1], k, k, k)
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            legend.add(name);
            for (double y : xy[1]) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (t.hasColumn(ETA)) {
            double[] etas = Columns.distinctSorted(t, ETA);
            if (etas.length == 1 && yMax > yMin) {
                Charts.reference(chart, "training η", new double[] {etas[0], etas[0]}, new double[] {yMin, yMax}, true);
                legend.add("training η");
            }
        }
        return new Figure(id(), chart, legend, caption());
    }
}
