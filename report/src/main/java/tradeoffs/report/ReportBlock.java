package tradeoffs.report;

import tradeoffs.io.ResultTable;

/** A piece of a report section, rendered to both markdown and HTML. */
public sealed interface ReportBlock {
    /** A paragraph of text (light markdown: `code`, *emphasis*, **bold**). */
    record Paragraph(String text) implements ReportBlock {}

    /** A table, at most {@code maxRows} rows shown (the full table is in the named CSV file). */
    record Table(String caption, ResultTable table, int maxRows) implements ReportBlock {}

    /** A figure drawn into the {@code figures/} folder, by id. Skipped silently when it was not drawn. */
    record FigureRef(String figureId, String caption) implements ReportBlock {}
}
