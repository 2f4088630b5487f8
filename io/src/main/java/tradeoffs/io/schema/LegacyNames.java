package tradeoffs.io.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column names that older versions wrote for a quantity that now has one name
 * ({@link ColumnNames}). Reading a table maps them to the current names, so folders written before
 * the rename still feed the figures and the report; the reader reports the renames once per
 * folder ({@code ResultsFolder#notes}).
 */
public final class LegacyNames {
    private LegacyNames() {}

    /** Old column name → current name. */
    public static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        // sweep theory.csv spelled the population solver's bound differently from the theory command
        m.put("certificate_bound", ColumnNames.SUBOPTIMALITY_BOUND);
        // bridge_linear.csv spelled spurious reliance as plain "reliance"
        m.put("reliance_theory", ColumnNames.theory(ColumnNames.RELIANCE));
        m.put("reliance_deep", ColumnNames.deep(ColumnNames.RELIANCE));
        m.put("reliance_deep_se", ColumnNames.se(ColumnNames.deep(ColumnNames.RELIANCE)));
        // the classification tables abbreviated accuracy ("clean_acc") where the deep tables spelled it out
        for (String q : List.of("clean", "robust", "linf", "l1", "union", "avg")) {
            m.put(q + "_acc", q + "_accuracy");
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The current names of {@code columns} (old names replaced, others kept), or null when none of
     * them is old. A column is not renamed when the table already has the current name too.
     */
    public static List<String> current(List<String> columns) {
        boolean any = false;
        List<String> out = new java.util.ArrayList<>(columns.size());
        for (String c : columns) {
            String now = COLUMNS.get(c);
            if (now != null && !columns.contains(now)) {
                out.add(now);
                any = true;
            } else {
                out.add(c);
            }
        }
        return any ? out : null;
    }
}
