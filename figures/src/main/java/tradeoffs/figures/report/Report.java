package tradeoffs.figures.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.figures.ResultsFolder;

/**
 * The reproduction report: the claims ledger (one row per claim and level, with computed
 * verdicts), extra sections from the contributors, and the figures drawn (with the reasons for
 * those skipped). Rendered by {@link ReportRenderer}.
 *
 * @param title report title
 * @param runInfo how the run was made (profile, seed, command, timings), shown first
 * @param ledger every (claim, level) pair, in claim then level order
 * @param sections contributors' extra sections
 * @param figureCaptions figures drawn, id → caption, in registry order
 * @param skippedFigures figures not drawn, id → reason
 */
public record Report(String title, Map<String, String> runInfo, List<ClaimEvidence> ledger,
        List<ReportSection> sections, Map<String, String> figureCaptions, Map<String, String> skippedFigures) {

    public Report {
        runInfo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runInfo));
        ledger = List.copyOf(ledger);
        sections = List.copyOf(sections);
        figureCaptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figureCaptions));
        skippedFigures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skippedFigures));
    }

    /**
     * Collects every contributor's evidence and sections for the folder. A (claim, level) pair
     * nobody spoke for becomes a "not tested" row, so the ledger is always complete.
     */
    public static Report build(String title, Map<String, String> runInfo, ResultsFolder folder,
            List<? extends ReportContributor> contributors, FigureRegistry.Outcome figures) {
        List<ClaimEvidence> rows = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        for (ReportContributor c : contributors) {
            rows.addAll(c.evidence(folder));
            sections.addAll(c.sections(folder));
        }
        List<ClaimEvidence> ledger = new ArrayList<>();
        for (Claim claim : Claim.values()) {
            for (Level level : Level.values()) {
                List<ClaimEvidence> here = rows.stream().filter(r -> r.claim() == claim && r.level() == level).toList();
                if (here.isEmpty()) {
                    ledger.add(ClaimEvidence.notTested(claim, level, "no " + level.label() + "-level evidence for this "
                            + "claim in this run"));
                } else {
                    ledger.addAll(here);
                }
            }
        }
        Map<String, String> captions = new LinkedHashMap<>();
        figures.drawn().forEach((id, f) -> captions.put(id, f.caption()));
        return new Report(title, runInfo, ledger, sections, captions, figures.skipped());
    }

    /** The rows of one claim. */
    public List<ClaimEvidence> rows(Claim claim) {
        return ledger.stream().filter(r -> r.claim() == claim).toList();
    }

    /**
     * The verdict of one claim at one level: NOT_TESTED when no row was tested, FAILS when any
     * tested row fails, HOLDS otherwise.
     */
    public Verdict verdict(Claim claim, Level level) {
        return Verdict.all(ledger.stream().filter(r -> r.claim() == claim && r.level() == level)
                .map(ClaimEvidence::verdict).toArray(Verdict[]::new));
    }
}
