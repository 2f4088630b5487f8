package tradeoffs.io.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.theory.classification.InvarianceSensitivity;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * The table of {@code tradeoffs classification invariance}: sensitivity-robustness against
 * invariance error of the classifiers sign(a x_s + (1−a) x_r) on the toy of THEORY.md §3, one row
 * per (mix a, ε). Columns are documented in docs/classification.md.
 */
public final class InvarianceTable {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("mix", "classifier", "eps", "clean_acc", "robust_acc",
            "invariance_error", "mu_s", "sigma_s", "mu_r", "sigma_r");
    /** Provenance of the formulas. */
    public static final Map<String, String> PROVENANCE = provenance();

    private InvarianceTable() {
    }

    /** The rows for every mix a, then every ε. */
    public static List<Map<String, Object>> rows(InvarianceToy toy, double[] mixes, double[] epsGrid) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double a : mixes) {
            for (double e : epsGrid) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mix", a);
                m.put("classifier", a == 0.0 ? "non-semantic" : a == 1.0 ? "semantic" : "mixture");
                m.put("eps", e);
                m.put("clean_acc", InvarianceSensitivity.cleanAccuracy(toy, a));
                m.put("robust_acc", InvarianceSensitivity.robustAccuracy(toy, a, e));
                m.put("invariance_error", InvarianceSensitivity.invarianceError(toy, a, e));
                m.put("mu_s", toy.muS());
                m.put("sigma_s", toy.sigmaS());
                m.put("mu_r", toy.muR());
                m.put("sigma_r", toy.sigmaR());
                rows.add(m);
            }
        }
        return rows;
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", "[derived] THEORY.md 3 toy, after Tramer et al. 2020 and Jacobsen et al. 2019");
        p.put("robust_acc", "[derived] THEORY.md 3: Phi((mu_r - eps)/sigma_r) for a = 0; Phi((a mu_s + (1-a) mu_r - eps)/sqrt(a^2 sigma_s^2 + (1-a)^2 sigma_r^2)) in general");
        p.put("invariance_error", "[derived] THEORY.md 3: [Phi(mu_s/sigma_s) - Phi((mu_s - eps)/sigma_s)] Phi(mu_r/sigma_r) for a = 0; 0 for a = 1; a 1-D integral (Gauss-Legendre) for 0 < a < 1");
        p.put("claims", "[paper] Tramer et al. 2020: defending against sensitivity examples can cause excessive invariance");
        return Collections.unmodifiableMap(p);
    }
}
