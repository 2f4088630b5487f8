package tradeoffs.figures.report;

import java.util.List;
import tradeoffs.figures.ResultsFolder;

/**
 * Adds evidence to the report from the tables of a results folder. Each level (theory,
 * simulation, deep) has one. An implementation reads tables only and computes its verdicts from
 * their numbers; when its tables are absent it returns {@link ClaimEvidence#notTested} rows (or
 * nothing) rather than failing. See docs/dev/report-extension.md.
 */
public interface ReportContributor {
    /** The level this contributor speaks for. */
    Level level();

    /** One row per claim this level can say something about. */
    List<ClaimEvidence> evidence(ResultsFolder folder);

    /** Extra sections (parameters, tables, figures) shown after the ledger; none by default. */
    default List<ReportSection> sections(ResultsFolder folder) {
        return List.of();
    }
}
