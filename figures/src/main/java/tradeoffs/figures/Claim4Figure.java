package tradeoffs.figures;

import static tradeoffs.figures.ResultSchema.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import tradeoffs.io.ResultTable;

/**
 * Claim 4 (THEORY.md §1.1, §1.7): the best adversarial risk min R_ε over (w_c, w_s) against the
 * best over (w_c, 0), per norm, as ε grows.
 */
public final class Claim4Figure implements FigureSpec {
    @Override
    public String id() {
        return "claim4_spurious_helps";
    }

    @Override
    public String caption() {
        return "Best achievable adversarial risk with the spurious feature (solid) and with core features only "
                + "(dashed), per norm, against ε (THEORY.md §1.7). Solid never above dashed; the gap is what a "
                + "preserved spurious correlation buys in adversarial robustness (claim 4).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_CLAIM4, THEORY_CLAIM4_COLUMNS));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(THEORY_CLAIM4);
        XYChart chart = Charts.xy("attack budget ε", "best adversarial risk min R_ε");
        List<String> legend = new ArrayList<>();
        for (String norm : t.distinct(NORM)) {
            ResultTable rows = t.where(NORM, norm);
            int c = Palette.normIndex(norm);
            double[][] with = Columns.sortedXY(rows, EPS, RISK_WITH_SPURIOUS);
            double[][] without = Columns.sortedXY(rows, EPS, RISK_CORE_ONLY);
            String a = normLabel(norm) + ", with x_s";
            String b = normLabel(norm) + ", core only";
            Charts.line(chart, a, with[0], with[1], c, 0);
            Charts.line(chart, b, without[0], without[1], c, 1);
            legend.add(a);
            legend.add(b);
        }
        return new Figure(id(), chart, legend, caption());
    }
}
