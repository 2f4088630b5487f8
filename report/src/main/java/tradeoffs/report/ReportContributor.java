package tradeoffs.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Adds evidence to the report from the tables of a results folder. Each level (theory,
 * simulation, deep) has one. An implementation reads tables only and computes its verdicts from
 * their numbers; when its tables are absent it returns {@link ClaimEvidence#notTested} rows (or
 * nothing) rather than failing. See docs/architecture.md, "Adding a stage, a claim or a figure".
 */
public interface ReportContributor {
    /** The level this contributor speaks for. */
    Level level();

    /** One row per claim this level can say something about. */
    List<ClaimEvidence> evidence(ResultsFolder folder);

    /**
     * Tables computed from this level's tables that figures plot (by table name), e.g. means over
     * training seeds; none by default. {@code reproduce} writes them beside the tables they come
     * from, and figures drawn from an older folder get them in memory.
     */
    default Map<String, ResultTable> derivedTables(ResultsFolder folder) {
        return Map.of();
    }

    /** Extra sections (parameters, tables, figures) shown after the ledger; none by default. */
    default List<ReportSection> sections(ResultsFolder folder) {
        return List.of();
    }

    /**
     * One contributor for a level made of several (e.g. the CNN row: reliance, shift, spurious
     * benefit): their evidence, derived tables and sections, in order.
     */
    static ReportContributor combine(Level level, List<ReportContributor> parts) {
        List<ReportContributor> ps = List.copyOf(parts);
        return new ReportContributor() {
            @Override
            public Level level() {
                return level;
            }

            @Override
            public List<ClaimEvidence> evidence(ResultsFolder folder) {
                return ps.stream().flatMap(p -> p.evidence(folder).stream()).toList();
            }

            @Override
            public Map<String, ResultTable> derivedTables(ResultsFolder folder) {
                Map<String, ResultTable> m = new LinkedHashMap<>();
                ps.forEach(p -> m.putAll(p.derivedTables(folder)));
                return m;
            }

            @Override
            public List<ReportSection> sections(ResultsFolder folder) {
                return ps.stream().flatMap(p -> p.sections(folder).stream()).toList();
            }
        };
    }
}
