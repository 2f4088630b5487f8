package tradeoffs.io.tables;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.theory.classification.InvarianceSensitivity;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * The table of {@code tradeoffs classification invariance}: sensitivity-robustness against
 * invariance error of the classifiers sign(a x_s + (1−a) x_r) on the toy of docs/math.md §10.5, one row
 * per (mix a, ε). Columns are documented in docs/classification.md.
 */
public final class InvarianceTable {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of(
            MIX, CLASSIFIER, EPS, CLEAN_ACCURACY, ROBUST_ACCURACY, INVARIANCE_ERROR, MU_S, SIGMA_S, MU_R, SIGMA_R);
    /** Provenance of the formulas. */
    public static final Map<String, String> PROVENANCE = provenance();

    private InvarianceTable() {}

    /**
     * The {@code classification invariance} run: the {@link #rows} of {@code toy} for the grids
     * (ε ≥ 0, mix in [0, 1]) written to {@code sink} with the toy's parameters and the grids as
     * given, the compute time, the provenance and {@link MultiPerturbationTable#DERIVED_NOTE}.
     */
    public static void write(InvarianceToy toy, Grid eps, Grid mix, TableSink sink, Manifest manifest) {
        double[] epsGrid = eps.atLeast("eps", 0).values();
        double[] mixes = mix.within("mix", 0, 1).values();
        long t0 = System.nanoTime();
        List<Map<String, Object>> rows = rows(toy, mixes, epsGrid);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mu_s", toy.muS());
        params.put("sigma_s", toy.sigmaS());
        params.put("mu_r", toy.muR());
        params.put("sigma_r", toy.sigmaR());
        params.put("eps", eps.text());
        params.put("mix", mix.text());
        sink.writeRows(manifest, COLUMNS, rows, params, PROVENANCE, seconds, MultiPerturbationTable.DERIVED_NOTE);
    }

    /** The rows for every mix a, then every ε. */
    public static List<Map<String, Object>> rows(InvarianceToy toy, double[] mixes, double[] epsGrid) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double a : mixes) {
            for (double e : epsGrid) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(MIX, a);
                m.put(CLASSIFIER, classifier(a));
                m.put(EPS, e);
                m.put(CLEAN_ACCURACY, InvarianceSensitivity.cleanAccuracy(toy, a));
                m.put(ROBUST_ACCURACY, InvarianceSensitivity.robustAccuracy(toy, a, e));
                m.put(INVARIANCE_ERROR, InvarianceSensitivity.invarianceError(toy, a, e));
                m.put(MU_S, toy.muS());
                m.put(SIGMA_S, toy.sigmaS());
                m.put(MU_R, toy.muR());
                m.put(SIGMA_R, toy.sigmaR());
                rows.add(m);
            }
        }
        return rows;
    }

    /** How the tables call f_a: "non-semantic" (a = 0), "semantic" (a = 1) or "mixture". */
    public static String classifier(double a) {
        return a == 0.0 ? "non-semantic" : a == 1.0 ? "semantic" : "mixture";
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", "[derived] docs/math.md §10.5 toy, after Tramer et al. 2020 and Jacobsen et al. 2019");
        p.put(
                "robust_accuracy",
                "[derived] docs/math.md §10.5: Phi((mu_r - eps)/sigma_r) for a = 0; Phi((a mu_s + (1-a) mu_r - eps)/sqrt(a^2 sigma_s^2 + (1-a)^2 sigma_r^2)) in general");
        p.put(
                "invariance_error",
                "[derived] docs/math.md §10.5: [Phi(mu_s/sigma_s) - Phi((mu_s - eps)/sigma_s)] Phi(mu_r/sigma_r) for a = 0; 0 for a = 1; a 1-D integral (Gauss-Legendre) for 0 < a < 1");
        p.put(
                "claims",
                "[paper] Tramer et al. 2020: defending against sensitivity examples can cause excessive invariance");
        return Collections.unmodifiableMap(p);
    }
}
