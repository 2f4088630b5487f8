package tradeoffs.sweep.kind;

import static tradeoffs.io.schema.ColumnNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.sweep.PointRunner;
import tradeoffs.sweep.SweepPoint;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The {@code theory} kind: the theory module's population solution at the point (docs/math.md
 * §2.2–§5.2). Columns: w_core, w_spurious, spurious_reliance, standard_risk, adversarial_risk,
 * shifted_risk, suboptimality_bound (the theory solver's bound on R_ε(w) − min R_ε; called
 * certificate_bound before the table vocabulary gave the quantity one name).
 */
public final class TheoryPointRunner implements PointRunner {
    @Override
    public String kind() {
        return "theory";
    }

    @Override
    public List<String> columns() {
        return List.of(
                W_CORE, W_SPURIOUS, RELIANCE, STANDARD_RISK, ADVERSARIAL_RISK, SHIFTED_RISK, SUBOPTIMALITY_BOUND);
    }

    @Override
    public void validate(JsonNode section) {
        if (section != null && section.size() > 0) {
            throw new IllegalArgumentException(
                    "unknown key 'theory." + section.fieldNames().next() + "' (the theory section takes no keys)");
        }
    }

    @Override
    public List<List<Object>> run(SweepPoint point, JsonNode section, long seed) {
        Scenario s = point.scenario();
        TradeoffPoint t = TradeoffCurve.curve(new TradeoffCurve.Spec(
                        s.train(), s.dimCore(), s.shifted(), point.norm(), new double[] {point.eps()}, false))
                .get(0);
        List<Object> row = new ArrayList<>(List.of(
                t.wCore(),
                t.wSpurious(),
                t.spuriousReliance(),
                t.standardRisk(),
                t.adversarialRisk(),
                t.shiftedRisk(),
                t.certificate().suboptimalityBound()));
        return List.of(row);
    }
}
