package tradeoffs.io.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.theory.classification.LinearClassifier;
import tradeoffs.theory.classification.MepBound;
import tradeoffs.theory.classification.MultiPerturbationTradeoff;
import tradeoffs.theory.classification.TramerBonehDistribution;
import tradeoffs.theory.norm.LpNorm;

/**
 * The table of {@code tradeoffs classification multi-perturbation}: ℓ∞ against ℓ1 robust accuracy
 * of linear classifiers on the Tramèr–Boneh distribution (THEORY.md §2), over the product of the
 * grids: the path of classifiers and, when asked, the optimal classifier of each objective.
 * Columns are documented in docs/classification.md.
 */
public final class MultiPerturbationTable {
    /** The column names, in order . */
    public static final List<String> COLUMNS = List.of("p0", "dim", "alpha", "eta", "eps_linf", "eps_l1", "mep_applies", "classifier",
            "theta", "w0", "weak_sum", "weak_l2", "weak_linf", "bias", "clean_acc", "linf_acc", "l1_acc", "union_acc", "avg_acc",
            "error_sum");
    /** Provenance of the formulas. */
    public static final Map<String, String> PROVENANCE = provenance();

    private MultiPerturbationTable() {
    }

    /**
     * The rows for every (p0, d, α, ε∞, ε1) of the grids ({@code epsLinfs} null: ε∞ = 2η, the MEP
     * threshold, at each point): {@code points} classifiers on the path, then the optima.
     */
    public static List<Map<String, Object>> rows(double[] p0s, double[] dims, double[] alphas, double[] epsLinfs,
            double[] epsL1s, int points, boolean optimal) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double p : p0s) {
            for (double d : dims) {
                for (double a : alphas) {
                    TramerBonehDistribution dist = new TramerBonehDistribution(p, (int) d, a);
                    double[] linfs = epsLinfs == null ? new double[] {2 * dist.eta()} : epsLinfs;
                    for (double ei : linfs) {
                        for (double e1 : epsL1s) {
                            List<MultiPerturbationTradeoff.Row> table = new ArrayList<>(MultiPerturbationTradeoff.path(dist, ei, e1, points));
                            if (optimal) {
                                table.addAll(MultiPerturbationTradeoff.optima(dist, ei, e1));
                            }
                            for (MultiPerturbationTradeoff.Row r : table) {
                                rows.add(row(dist, ei, e1, r));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> row(TramerBonehDistribution dist, double epsLinf, double epsL1, MultiPerturbationTradeoff.Row r) {
        LinearClassifier c = r.classifier();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p0", dist.p0());
        m.put("dim", dist.dim());
        m.put("alpha", dist.alpha());
        m.put("eta", dist.eta());
        m.put("eps_linf", epsLinf);
        m.put("eps_l1", epsL1);
        m.put("mep_applies", MepBound.applies(dist, epsLinf, epsL1));
        m.put("classifier", r.label());
        m.put("theta", r.theta());
        m.put("w0", c.w0());
        m.put("weak_sum", c.weakSum());
        m.put("weak_l2", c.weakL2());
        m.put("weak_linf", LpNorm.LINF.norm(c.weak()));
        m.put("bias", c.bias());
        m.put("clean_acc", r.clean());
        m.put("linf_acc", r.linf());
        m.put("l1_acc", r.l1());
        m.put("union_acc", r.union());
        m.put("avg_acc", r.average());
        m.put("error_sum", r.errorSum());
        return m;
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("distribution", "[derived parametrisation] THEORY.md 2, after Tramer & Boneh 2019");
        p.put("clean_acc, linf_acc, l1_acc", "[derived] THEORY.md 2: 1/2 sum_y [p0 Phi((w0 + eta S + y b - r)/sigma) + (1-p0) Phi((-w0 + eta S + y b - r)/sigma)], r = eps ||w||_q");
        p.put("union_acc", "[derived] THEORY.md 2: the same with r = max_k eps_k ||w||_{q_k}");
        p.put("avg_acc", "[derived] THEORY.md 2: mean of linf_acc and l1_acc");
        p.put("error_sum", "[derived] THEORY.md 2 (MEP bound): >= 1 for every classifier when eps_linf >= 2 eta and eps_l1 >= 2");
        p.put("opt_*", "[derived] optimum over a sufficient 3-parameter family, grid + Nelder-Mead (docs/classification.md)");
        p.put("claims", "[paper] Tramer & Boneh 2019: l-inf and l1 robustness are mutually exclusive on this kind of distribution");
        return Collections.unmodifiableMap(p);
    }
}
