package tradeoffs.report;

import java.util.List;

/** A titled section of the report, after the claims ledger. */
public record ReportSection(String title, List<ReportBlock> blocks) {
    public ReportSection {
        blocks = List.copyOf(blocks);
    }
}
