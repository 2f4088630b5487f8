package tradeoffs.figures;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.IPdfBoxGraphics2DFontTextDrawer;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.knowm.xchart.XYChart;

/**
 * SVG and PDF of a chart with its text as text, not as glyph outlines: XChart's own back ends
 * (VectorGraphics2D for SVG, pdfbox-graphics2d for PDF) driven directly, with {@code fill} turning the
 * outlines XChart fills back into {@code drawString} calls where {@link TextRecovery} recognises them.
 * SVG text is {@code <text>} in the figures' face with sans-serif as the fallback; PDF text is
 * DejaVu Sans embedded as a subset (extractable, searchable), or outlines when the font file is not
 * found. The PDF's document id is a hash of its page, so the same chart gives the same bytes.
 */
final class VectorOutput {
    private VectorOutput() {}

    /** SVG text of the chart. */
    static byte[] svg(XYChart chart) {
        SvgGraphics g = new SvgGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor()
                    .getDocument(g.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight()))
                    .writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String family = "font-family:&quot;" + FigureFonts.FAMILY + "&quot;;";
        return out.toString(StandardCharsets.UTF_8)
                .replace(family, "font-family:&quot;" + FigureFonts.FAMILY + "&quot;,sans-serif;")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** PDF bytes of the chart, one page of the chart's size in points. */
    static byte[] pdf(XYChart chart) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(chart.getWidth(), chart.getHeight()));
            doc.addPage(page);
            PdfGraphics g = new PdfGraphics(doc, chart.getWidth(), chart.getHeight());
            Optional<Path> ttf = FigureFonts.trueTypeFile();
            if (ttf.isPresent()) {
                g.setFontTextDrawer(new EmbeddedFont(ttf.get()));
            }
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.dispose();
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            COSArray id = new COSArray();
            id.add(new COSString(new byte[16]));
            id.add(new COSString(new byte[16]));
            doc.getDocument().getTrailer().setItem(COSName.ID, id);
            doc.save(first);
            byte[] digest = sha256(first.toByteArray());
            byte[] half = java.util.Arrays.copyOf(digest, 16);
            COSArray fixed = new COSArray();
            fixed.add(new COSString(half));
            fixed.add(new COSString(half));
            doc.getDocument().getTrailer().setItem(COSName.ID, fixed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Draws the text whose outline {@code s} is, if {@link TextRecovery} finds one; whether it did. */
    private static boolean drewAsText(java.awt.Graphics2D g, Shape s) {
        TextRecovery.Placed p = TextRecovery.match(s, g.getFont(), g.getFontRenderContext());
        if (p == null) {
            return false;
        }
        AffineTransform old = g.getTransform();
        Font font = g.getFont();
        g.transform(p.at());
        g.setFont(p.font());
        g.drawString(p.text(), 0f, 0f);
        g.setTransform(old);
        g.setFont(font);
        return true;
    }

    /** VectorGraphics2D that draws recognised glyph outlines as text. */
    private static final class SvgGraphics extends VectorGraphics2D {
        @Override
        public void fill(Shape s) {
            if (!drewAsText(this, s)) {
                super.fill(s);
            }
        }
    }

    /** pdfbox-graphics2d that draws recognised glyph outlines as text. */
    private static final class PdfGraphics extends PdfBoxGraphics2D {
        PdfGraphics(PDDocument doc, int width, int height) throws IOException {
            super(doc, width, height);
        }

        @Override
        public void fill(Shape s) {
            if (!drewAsText(this, s)) {
                super.fill(s);
            }
        }
    }

    /** Every font maps to the DejaVu Sans file, embedded as a subset. */
    private static final class EmbeddedFont extends PdfBoxGraphics2DFontTextDrawer {
        private final Path file;
        private PDFont loaded;

        EmbeddedFont(Path file) {
            this.file = file;
        }

        @Override
        protected PDFont mapFont(Font font, IPdfBoxGraphics2DFontTextDrawer.IFontTextDrawerEnv env) throws IOException {
            if (loaded == null) {
                loaded = PDType0Font.load(env.getDocument(), file.toFile());
            }
            return loaded;
        }
    }
}
