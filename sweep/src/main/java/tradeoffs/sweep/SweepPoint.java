package tradeoffs.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * One point of a sweep grid: its index in the grid's canonical order, the kind of run, and the
 * parameter values (model parameters, eta_test, norm, eps) as table cells.
 *
 * @param index position in the grid (decides the point's random streams and its shard)
 * @param kind the runner kind (theory, simulate, ...)
 * @param model the model type (core-spurious or anti-causal)
 * @param parameters column → value, in table order (model parameters, then eta_test, norm, eps)
 * @param settings this point's values of the kind-section axes, key → value (e.g. rho → 0.5 for a
 *     config with {@code deep.rho: [0.5, 0.9]}); empty when the kind's section has no lists
 */
public record SweepPoint(
        int index, String kind, String model, Map<String, Object> parameters, Map<String, Object> settings) {
    public SweepPoint {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A point without kind-section axes. */
    public SweepPoint(int index, String kind, String model, Map<String, Object> parameters) {
        this(index, kind, model, parameters, Map.of());
    }

    /** The file-name id of the point, e.g. p000042. */
    public String id() {
        return String.format("p%06d", index);
    }

    public LpNorm norm() {
        return LpNorm.parse((String) parameters.get("norm"));
    }

    public double eps() {
        return ((Number) parameters.get("eps")).doubleValue();
    }

    /** η′ of the shifted test domain, or null. */
    public Double etaTest() {
        Object v = parameters.get("eta_test");
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private double num(String key) {
        return ((Number) parameters.get(key)).doubleValue();
    }

    private int integer(String key) {
        return ((Number) parameters.get(key)).intValue();
    }

    /** The data model of the point as a simulation scenario. */
    public Scenario scenario() {
        if (model.equals(SweepConfig.ANTI_CAUSAL)) {
            return Scenario.antiCausal(new AntiCausalModel(
                    integer("dim_core"),
                    integer("dim_spurious"),
                    num("a_core"),
                    num("a_spurious"),
                    num("tau_core"),
                    num("tau_spurious")));
        }
        return Scenario.coreSpurious(
                new CoreSpuriousModel(
                        integer("dim_core"),
                        integer("dim_spurious"),
                        num("sigma_core"),
                        num("sigma_spurious"),
                        num("eta"),
                        num("noise")),
                etaTest());
    }
}
