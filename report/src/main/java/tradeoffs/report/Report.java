package tradeoffs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.ResultsFolder;

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
public record Report(
        String title,
        Map<String, String> runInfo,
        List<ClaimEvidence> ledger,
        List<ReportSection> sections,
        Map<String, String> figureCaptions,
        Map<String, String> skippedFigures) {

    public Report {
        runInfo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runInfo));
        ledger = List.copyOf(ledger);
        sections = List.copyOf(sections);
        figureCaptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figureCaptions));
        skippedFigures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skippedFigures));
    }

    /**
     * Collects every contributor's evidence and sections for the folder. A (claim, level) pair
     * nobody spoke for becomes a "not tested" row, so the ledger is always complete; a contributor
     * that fails on its tables gives "not tested" rows naming the error.
     */
    public static Report build(
            String title,
            Map<String, String> runInfo,
            ResultsFolder folder,
            List<? extends ReportContributor> contributors,
            FigureRegistry.Outcome figures) {
        List<ClaimEvidence> rows = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        for (ReportContributor c : contributors) {
            try {
                rows.addAll(c.evidence(folder));
            } catch (RuntimeException e) {
                // a table the contributor cannot read: say so in the ledger instead of losing the report
                String why = "could not evaluate the " + c.level().label() + " tables: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                for (Claim claim : Claim.values()) {
                    rows.add(ClaimEvidence.notTested(claim, c.level(), why));
                }
            }
            try {
                sections.addAll(c.sections(folder));
            } catch (RuntimeException e) {
                sections.add(new ReportSection(
                        c.level().label() + " (not shown)",
                        List.of(new ReportBlock.Paragraph("could not build this section: "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())))));
            }
        }
        List<ClaimEvidence> ledger = new ArrayList<>();
        for (Claim claim : Claim.values()) {
            for (Level level : Level.values()) {
                List<ClaimEvidence> here = rows.stream()
                        .filter(r -> r.claim() == claim && r.level() == level)
                        .toList();
                if (here.isEmpty()) {
                    ledger.add(ClaimEvidence.notTested(
                            claim, level, "no " + level.label() + "-level evidence for this " + "claim in this run"));
                } else {
                    ledger.addAll(here);
                }
            }
        }
        Map<String, String> captions = new LinkedHashMap<>();
        figures.drawn().forEach((id, f) -> captions.put(id, f.caption()));
        return new Report(title, runInfo, ledger, sections, captions, figures.skipped());
    }

    /**
     * One line on the ledger: how many (claim, level) cells hold, fail or were not tested, and
     * which fail, e.g. "7 hold, 1 fails (Claim 2 / deep), 7 not tested".
     */
    public String summary() {
        int holds = 0, notTested = 0;
        java.util.List<String> fails = new java.util.ArrayList<>();
        for (Claim c : Claim.values()) {
            for (Level l : Level.values()) {
                switch (verdict(c, l)) {
                    case HOLDS -> holds++;
                    case FAILS -> fails.add(c.title() + " / " + l.label());
                    default -> notTested++;
                }
            }
        }
        return holds + " hold, " + fails.size() + (fails.size() == 1 ? " fails" : " fail")
                + (fails.isEmpty() ? "" : " (" + String.join(", ", fails) + ")") + ", " + notTested + " not tested";
    }

    /**
     * The ledger cell of one claim at one level: the combined verdict's label, and when the level
     * has several tested rows that disagree (say DJL-trained linear models hold, CNNs fail), how
     * many of them hold, e.g. "fails (1 of 2 hold)", so a mixed result is not read as a clean fail.
     */
    public String cell(Claim claim, Level level) {
        Verdict v = verdict(claim, level);
        long tested = 0;
        long holding = 0;
        for (ClaimEvidence e : ledger) {
            if (e.claim() == claim && e.level() == level && e.verdict() != Verdict.NOT_TESTED) {
                tested++;
                holding += e.verdict() == Verdict.HOLDS ? 1 : 0;
            }
        }
        return holding > 0 && holding < tested ? v.label() + " (" + holding + " of " + tested + " hold)" : v.label();
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
        return Verdict.all(ledger.stream()
                .filter(r -> r.claim() == claim && r.level() == level)
                .map(ClaimEvidence::verdict)
                .toArray(Verdict[]::new));
    }
}
