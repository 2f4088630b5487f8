package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.TableJson;

/**
 * Monte Carlo results as JSON-ready points (the {@code simulate --format json} output): per grid
 * point its norm, ε, held-out size, the population weights, the mean trained weights, the largest
 * relative duality gap and every estimate with its interval and z-score; undefined numbers are
 * null (JSON has no NaN). The CSV form is {@link MonteCarloTable}.
 */
public final class MonteCarloJson {
    private MonteCarloJson() {}

    /**
     * The {@code simulate --format json} document: command, model (its parameters as the caller
     * names them), eta_test (when given), n, reps, seed, the points ({@link #points}), the bias
     * ladders ({@link NonSmoothCheck#table}, a row a map) and the compute time.
     */
    public static Map<String, Object> document(
            Map<String, Object> model,
            Double etaTest,
            SimulationRequest request,
            SimulationRun.Outcome outcome,
            double seconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "simulate");
        root.put("model", model);
        if (etaTest != null) {
            root.put("eta_test", etaTest);
        }
        root.put("n", request.n());
        root.put("reps", request.reps());
        root.put("seed", request.seed());
        root.put("points", points(outcome.results()));
        root.put("nonsmooth_checks", TableJson.rows(outcome.ladders()));
        root.put("seconds", seconds);
        return root;
    }

    /** One map per result, in order. */
    public static List<Map<String, Object>> points(List<MonteCarloResult> results) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (MonteCarloResult r : results) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("norm", r.spec().attack().name());
            p.put("eps", r.spec().eps());
            p.put("n_test", r.spec().nTest());
            p.put("theory_w", r.theory().w());
            double[] meanW = new double[r.theory().w().length];
            for (double[] w : r.weights()) {
                for (int j = 0; j < meanW.length; j++) {
                    meanW[j] += w[j] / r.weights().size();
                }
            }
            p.put("mean_w", meanW);
            p.put("max_rel_gap", r.maxRelativeGap());
            List<Map<String, Object>> est = new ArrayList<>();
            for (Estimate e : r.estimates()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("quantity", e.quantity());
                m.put("theory", nullIfNaN(e.theory()));
                m.put("mean", nullIfNaN(e.mean()));
                m.put("se", nullIfNaN(e.se()));
                m.put("ci_low", nullIfNaN(e.ciLow()));
                m.put("ci_high", nullIfNaN(e.ciHigh()));
                m.put("z", nullIfNaN(e.z()));
                m.put("count", e.count());
                m.put("non_smooth", e.nonSmooth());
                est.add(m);
            }
            p.put("estimates", est);
            points.add(p);
        }
        return points;
    }

    private static Double nullIfNaN(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
