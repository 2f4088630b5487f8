package tradeoffs.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tradeoffs.io.ResultTable;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Report;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * Renders a {@link Report} as markdown ({@code report.md}, figures linked from {@code figures/})
 * and as one self-contained HTML file ({@code report.html}, figures inlined as base64 PNG).
 */
public final class ReportRenderer {
    private ReportRenderer() {}

    // ------------------------------------------------------------------ markdown

    /**
     * The ledger as a few lines for a terminal: one row per claim with the cell of each level (one
     * column per {@link Level}, the deep level as its linear (DJL) and CNN rows), then the summary of
     * verdicts.
     */
    public static String console(Report r) {
        StringBuilder sb = new StringBuilder(String.format("%-12s", "claim"));
        int[] width = new int[Level.values().length];
        for (Level l : Level.values()) {
            int w = l.label().length();
            for (Claim c : Claim.values()) {
                w = Math.max(w, r.cell(c, l).length());
            }
            width[l.ordinal()] = w + 2;
        }
        for (Level l : Level.values()) {
            sb.append(' ').append(pad(l.label(), width[l.ordinal()]));
        }
        sb = new StringBuilder(sb.toString().stripTrailing()).append('\n');
        for (Claim c : Claim.values()) {
            StringBuilder line = new StringBuilder(String.format("%-12s", c.title()));
            for (Level l : Level.values()) {
                line.append(' ').append(pad(r.cell(c, l), width[l.ordinal()]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.append("verdicts: ").append(r.summary()).append('\n').toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** Markdown text; figures are linked as {@code figures/ID.png}. */
    public static String markdown(Report r) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> shown = new java.util.HashSet<>();
        sb.append("# ").append(r.title()).append("\n\n");
        r.runInfo()
                .forEach((k, v) ->
                        sb.append("- **").append(k).append(":** ").append(v).append('\n'));
        sb.append("\nVerdicts are computed from the result tables in this folder; ")
                .append("provenance tags: [paper] stated in the cited paper, [derived] derived for this project ")
                .append("and checked numerically, [code] what the authors' public code does.\n\n");
        sb.append("## Claims ledger\n\n**")
                .append(r.summary())
                .append(".**\n\n")
                .append("| claim |");
        for (Level l : Level.values()) {
            sb.append(' ').append(l.label()).append(" |");
        }
        sb.append("\n|---|").append("---|".repeat(Level.values().length)).append('\n');
        for (Claim c : Claim.values()) {
            sb.append("| ").append(c.title()).append(": ").append(cell(c.statement()));
            for (Level l : Level.values()) {
                sb.append(" | ").append(r.cell(c, l));
            }
            sb.append(" |\n");
        }
        sb.append('\n');
        for (Claim c : Claim.values()) {
            sb.append("## ")
                    .append(c.title())
                    .append("\n\n> ")
                    .append(c.statement())
                    .append(' ')
                    .append(c.provenance())
                    .append("\n\n");
            for (ClaimEvidence e : r.rows(c)) {
                sb.append("- **")
                        .append(e.level().label())
                        .append(": ")
                        .append(e.verdict().label())
                        .append(".** ")
                        .append(sentence(e.evidence()));
                if (!e.parameters().isEmpty()) {
                    sb.append(" Parameters: ").append(e.parameters()).append('.');
                }
                if (!e.provenance().isEmpty()) {
                    sb.append(" Provenance: ").append(e.provenance()).append('.');
                }
                sb.append('\n');
            }
            sb.append('\n');
            for (String fig : figuresOf(r, c)) {
                figureMd(sb, fig, r.figureCaptions().get(fig), shown);
            }
        }
        for (ReportSection s : r.sections()) {
            sb.append("## ").append(s.title()).append("\n\n");
            for (ReportBlock b : s.blocks()) {
                markdownBlock(sb, r, b, shown);
            }
        }
        sb.append("## Figures\n\n");
        r.figureCaptions().forEach((id, cap) -> {
            if (!shown.contains(id)) {
                sb.append("### ").append(id).append("\n\n");
                figureMd(sb, id, cap, shown);
            }
        });
        sb.append("Every figure is in `figures/` as PNG and SVG: ")
                .append(String.join(
                        ", ",
                        r.figureCaptions().keySet().stream()
                                .map(id -> "`" + id + "`")
                                .toList()))
                .append(".\n\n");
        if (!r.skippedFigures().isEmpty()) {
            sb.append("Not drawn (the results lack their tables):\n\n");
            r.skippedFigures()
                    .forEach((id, why) ->
                            sb.append("- ").append(id).append(": ").append(why).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void figureMd(StringBuilder sb, String id, String caption, java.util.Set<String> shown) {
        if (!shown.add(id)) {
            sb.append("*Figure `").append(id).append("`: shown above.*\n\n");
            return;
        }
        sb.append("![").append(id).append("](figures/").append(id).append(".png)\n\n");
        if (caption != null && !caption.isEmpty()) {
            sb.append("*").append(caption).append("*\n\n");
        }
    }

    private static void markdownBlock(StringBuilder sb, Report r, ReportBlock b, java.util.Set<String> shown) {
        if (b instanceof ReportBlock.Paragraph p) {
            sb.append(p.text()).append("\n\n");
        } else if (b instanceof ReportBlock.Table t) {
            if (!t.caption().isEmpty()) {
                sb.append("*").append(t.caption()).append("*\n\n");
            }
            ResultTable tab = t.table();
            sb.append("| ").append(String.join(" | ", tab.columns())).append(" |\n|");
            sb.append("---|".repeat(tab.columns().size())).append('\n');
            for (int i = 0; i < Math.min(tab.size(), t.maxRows()); i++) {
                sb.append("| ")
                        .append(String.join(
                                " | ",
                                tab.rows().get(i).stream()
                                        .map(ReportRenderer::cell)
                                        .toList()))
                        .append(" |\n");
            }
            if (tab.size() > t.maxRows()) {
                sb.append("\n(").append(tab.size() - t.maxRows()).append(" more rows)\n");
            }
            sb.append('\n');
        } else if (b instanceof ReportBlock.FigureRef f && r.figureCaptions().containsKey(f.figureId())) {
            figureMd(
                    sb,
                    f.figureId(),
                    f.caption().isEmpty() ? r.figureCaptions().get(f.figureId()) : f.caption(),
                    shown);
        }
    }

    /** The text with a full stop at the end unless it already ends a sentence. */
    static String sentence(String s) {
        String t = s.strip();
        return t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Figures named by the claim's evidence rows that were drawn, each once. */
    private static List<String> figuresOf(Report r, Claim c) {
        return r.rows(c).stream()
                .flatMap(e -> e.figures().stream())
                .distinct()
                .filter(r.figureCaptions()::containsKey)
                .toList();
    }

    // ------------------------------------------------------------------ HTML

    /** One self-contained HTML file; PNGs are read from {@code figuresDir} and inlined as base64. */
    public static String html(Report r, Path figuresDir) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> shown = new java.util.HashSet<>();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(r.title()))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
                        + "line-height:1.45;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:left;vertical-align:top}\n")
                .append(".holds{background:#d9f0e3}.fails{background:#f8d7cf}.not-tested{background:#eee;color:#555}\n")
                .append("figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #ddd}"
                        + "figcaption{font-size:.92em;color:#444}\n")
                .append("blockquote{border-left:4px solid #0072B2;margin:1em 0;padding:.2em 1em;background:#f4f8fb}\n")
                .append("code{background:#f3f3f3;padding:0 3px}\n</style></head><body>\n");
        sb.append("<h1>").append(esc(r.title())).append("</h1>\n<ul>\n");
        r.runInfo()
                .forEach((k, v) -> sb.append("<li><b>")
                        .append(esc(k))
                        .append(":</b> ")
                        .append(inline(v))
                        .append("</li>\n"));
        sb.append("</ul>\n<p>Verdicts are computed from the result tables in this folder; provenance tags: [paper] "
                + "stated in the cited paper, [derived] derived for this project and checked numerically, [code] "
                + "what the authors' public code does.</p>\n");
        sb.append("<h2>Claims ledger</h2>\n<p><b>")
                .append(esc(r.summary()))
                .append(".</b></p>\n")
                .append("<table><tr><th>claim</th>");
        for (Level l : Level.values()) {
            sb.append("<th>").append(esc(l.label())).append("</th>");
        }
        sb.append("</tr>\n");
        for (Claim c : Claim.values()) {
            sb.append("<tr><td><a href=\"#claim-")
                    .append(c.number())
                    .append("\">")
                    .append(esc(c.title()))
                    .append("</a>: ")
                    .append(esc(c.statement()))
                    .append("</td>");
            for (Level l : Level.values()) {
                Verdict v = r.verdict(c, l);
                sb.append("<td class=\"")
                        .append(cssClass(v))
                        .append("\">")
                        .append(esc(r.cell(c, l)))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        for (Claim c : Claim.values()) {
            sb.append("<h2 id=\"claim-")
                    .append(c.number())
                    .append("\">")
                    .append(esc(c.title()))
                    .append("</h2>\n")
                    .append("<blockquote>")
                    .append(esc(c.statement()))
                    .append(' ')
                    .append(esc(c.provenance()))
                    .append("</blockquote>\n<table><tr><th>level</th><th>verdict</th><th>evidence</th>"
                            + "<th>parameters</th><th>provenance</th></tr>\n");
            for (ClaimEvidence e : r.rows(c)) {
                sb.append("<tr><td>")
                        .append(e.level().label())
                        .append("</td><td class=\"")
                        .append(cssClass(e.verdict()))
                        .append("\">")
                        .append(e.verdict().label())
                        .append("</td><td>")
                        .append(inline(e.evidence()))
                        .append("</td><td>")
                        .append(inline(e.parameters()))
                        .append("</td><td>")
                        .append(inline(e.provenance()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
            for (String fig : figuresOf(r, c)) {
                figure(sb, figuresDir, fig, r.figureCaptions().get(fig), shown);
            }
        }
        for (ReportSection s : r.sections()) {
            sb.append("<h2>").append(esc(s.title())).append("</h2>\n");
            for (ReportBlock b : s.blocks()) {
                if (b instanceof ReportBlock.Paragraph p) {
                    sb.append(paragraphs(p.text()));
                } else if (b instanceof ReportBlock.Table t) {
                    htmlTable(sb, t);
                } else if (b instanceof ReportBlock.FigureRef f
                        && r.figureCaptions().containsKey(f.figureId())) {
                    figure(
                            sb,
                            figuresDir,
                            f.figureId(),
                            f.caption().isEmpty() ? r.figureCaptions().get(f.figureId()) : f.caption(),
                            shown);
                }
            }
        }
        sb.append("<h2>Figures</h2>\n");
        for (Map.Entry<String, String> f : r.figureCaptions().entrySet()) {
            if (!shown.contains(f.getKey())) {
                sb.append("<h3>").append(esc(f.getKey())).append("</h3>\n");
                figure(sb, figuresDir, f.getKey(), f.getValue(), shown);
            }
        }
        sb.append("<p>Every figure is in <code>figures/</code> as PNG and SVG: ");
        sb.append(String.join(
                ", ",
                r.figureCaptions().keySet().stream()
                        .map(id -> "<a href=\"#fig-" + esc(id) + "\"><code>" + esc(id) + "</code></a>")
                        .toList()));
        sb.append(".</p>\n");
        if (!r.skippedFigures().isEmpty()) {
            sb.append("<p>Not drawn (the results lack their tables):</p>\n<ul>\n");
            r.skippedFigures()
                    .forEach((id, why) -> sb.append("<li>")
                            .append(esc(id))
                            .append(": ")
                            .append(esc(why))
                            .append("</li>\n"));
            sb.append("</ul>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void htmlTable(StringBuilder sb, ReportBlock.Table t) {
        if (!t.caption().isEmpty()) {
            sb.append("<p><i>").append(inline(t.caption())).append("</i></p>\n");
        }
        sb.append("<table><tr>");
        for (String c : t.table().columns()) {
            sb.append("<th>").append(esc(c)).append("</th>");
        }
        sb.append("</tr>\n");
        for (int i = 0; i < Math.min(t.table().size(), t.maxRows()); i++) {
            sb.append("<tr>");
            for (String c : t.table().rows().get(i)) {
                sb.append("<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        if (t.table().size() > t.maxRows()) {
            sb.append("<p>(").append(t.table().size() - t.maxRows()).append(" more rows)</p>\n");
        }
    }

    /** Inlines the PNG the first time a figure appears, and links back to it afterwards. */
    private static void figure(StringBuilder sb, Path dir, String id, String caption, java.util.Set<String> shown) {
        if (!shown.add(id)) {
            sb.append("<p><i>Figure <a href=\"#fig-")
                    .append(esc(id))
                    .append("\"><code>")
                    .append(esc(id))
                    .append("</code></a>: shown above.</i></p>\n");
            return;
        }
        Path png = dir.resolve(id + ".png");
        String src;
        try {
            src = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inline " + png + ": " + e.getMessage(), e);
        }
        sb.append("<figure id=\"fig-")
                .append(esc(id))
                .append("\"><img alt=\"")
                .append(esc(id))
                .append("\" src=\"")
                .append(src)
                .append("\">")
                .append("<figcaption>")
                .append(inline(caption == null ? "" : caption))
                .append("</figcaption></figure>\n");
    }

    private static String cssClass(Verdict v) {
        return v.label().replace(' ', '-');
    }

    /** Blank-line separated chunks as {@code <p>}, or as {@code <ul>} when every line starts with "- ". */
    static String paragraphs(String text) {
        StringBuilder sb = new StringBuilder();
        for (String chunk : text.strip().split("\n\\s*\n")) {
            List<String> lines = chunk.lines().toList();
            if (!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("- "))) {
                sb.append("<ul>\n");
                lines.forEach(
                        l -> sb.append("<li>").append(inline(l.substring(2))).append("</li>\n"));
                sb.append("</ul>\n");
            } else {
                sb.append("<p>").append(inline(chunk)).append("</p>\n");
            }
        }
        return sb.toString();
    }

    /** HTML-escapes, then turns `code`, **bold** and *em* into tags. */
    static String inline(String s) {
        String e = esc(s);
        e = e.replaceAll("`([^`]+)`", "<code>$1</code>");
        e = e.replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
        e = e.replaceAll("(?<![\\w*])\\*([^*\\s][^*]*)\\*(?![\\w*])", "<i>$1</i>");
        return e;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
