package tradeoffs.report;

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
}
