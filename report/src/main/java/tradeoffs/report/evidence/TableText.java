package tradeoffs.report.evidence;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.figures.Columns;
import tradeoffs.io.ResultTable;

/** Describes a table's model parameters in words, for the "parameters" cell of the ledger. */
final class TableText {
    private TableText() {}

    private static final String[][] PARAMS = {
        {"sigma_core", "σ_c"},
        {"sigma_spurious", "σ_s"},
        {"eta", "η"},
        {"noise", "σ_n"},
        {"eta_test", "η′"},
        {"n", "n"},
        {"reps", "reps"}
    };

    /** e.g. "σ_c = 1, σ_s ∈ {1, 2}, η = 0.6, σ_n = 0.5, ε ∈ [0, 1] (21 values)". */
    static String parameters(ResultTable t) {
        List<String> parts = new ArrayList<>();
        for (String[] p : PARAMS) {
            if (t.hasColumn(p[0])) {
                double[] v = Columns.distinctSorted(t, p[0]);
                if (v.length == 1) {
                    parts.add(p[1] + " = " + Fmt.g(v[0]));
                } else if (v.length > 1 && v.length <= 4) {
                    List<String> s = new ArrayList<>();
                    for (double d : v) {
                        s.add(Fmt.g(d));
                    }
                    parts.add(p[1] + " ∈ {" + String.join(", ", s) + "}");
                } else if (v.length > 4) {
                    parts.add(p[1] + " ∈ [" + Fmt.g(v[0]) + ", " + Fmt.g(v[v.length - 1]) + "]");
                }
            }
        }
        if (t.hasColumn("eps")) {
            double[] e = Columns.distinctSorted(t, "eps");
            if (e.length == 1) {
                parts.add("ε = " + Fmt.g(e[0]));
            } else if (e.length > 1) {
                parts.add("ε ∈ [" + Fmt.g(e[0]) + ", " + Fmt.g(e[e.length - 1]) + "] (" + e.length + " values)");
            }
        }
        return String.join(", ", parts);
    }
}
