package tradeoffs.figures;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A font that remembers the last few texts laid out with it. XChart draws every label by filling the
 * glyph outlines of a {@link java.awt.font.TextLayout}, so an SVG or PDF back end sees shapes, not
 * text; laying text out asks the font for its line metrics, which is where this font notes the text.
 * {@link TextRecovery} then matches a filled shape against the outlines of these texts and, where one
 * matches exactly, draws it as text instead. Drawing with it is drawing with {@link #plain()}.
 */
final class TextFont extends Font {
    private static final int REMEMBERED = 16;
    private final transient Deque<String> recent = new ArrayDeque<>();
    private final transient Map<List<Object>, double[][]> outlines = new HashMap<>();
    private final Font plain;

    TextFont(Font plain) {
        super(plain);
        this.plain = plain;
    }

    /** The font itself, without the memory (what text is drawn with). */
    Font plain() {
        return plain;
    }

    /** The texts laid out lately, most recent first. */
    synchronized List<String> recent() {
        return new ArrayList<>(recent);
    }

    /**
     * What {@code compute} gives for {@code text} laid out in {@code frc}, computed once per text and
     * context (the outlines {@link TextRecovery} compares every filled shape with).
     */
    synchronized double[][] outlines(
            String text, FontRenderContext frc, BiFunction<String, FontRenderContext, double[][]> compute) {
        return outlines.computeIfAbsent(List.of(text, frc), k -> compute.apply(text, frc));
    }

    private synchronized void note(String text) {
        if (text.isEmpty()) {
            return;
        }
        recent.remove(text);
        recent.addFirst(text);
        while (recent.size() > REMEMBERED) {
            recent.removeLast();
        }
    }

    @Override
    public LineMetrics getLineMetrics(char[] chars, int beginIndex, int limit, FontRenderContext frc) {
        note(new String(chars, beginIndex, limit - beginIndex));
        return super.getLineMetrics(chars, beginIndex, limit, frc);
    }

    @Override
    public LineMetrics getLineMetrics(String str, FontRenderContext frc) {
        note(str);
        return super.getLineMetrics(str, frc);
    }

    @Override
    public LineMetrics getLineMetrics(String str, int beginIndex, int limit, FontRenderContext frc) {
        note(str.substring(beginIndex, limit));
        return super.getLineMetrics(str, beginIndex, limit, frc);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
