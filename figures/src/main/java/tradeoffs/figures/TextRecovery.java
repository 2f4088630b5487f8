package tradeoffs.figures;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the glyph outlines that XChart fills back into text, for the vector back ends
 * ({@link FigureWriter}): a shape filled while the current font is a {@link TextFont} is compared,
 * segment by segment, with the outline of each text that font laid out lately, placed by a
 * translation and a rotation of 0 or ±90° (XChart draws the y-axis title turned). Only an exact
 * match (every coordinate within 1e-3 px) counts; anything else stays a shape, so a text that cannot
 * be matched is still drawn, as a path.
 */
final class TextRecovery {
    private static final double TOLERANCE = 1e-3;
    /** Segment types are stored as a pair of numbers at or below this, far outside any drawing. */
    private static final double MARK = -1e8;

    private static final AffineTransform[] TURNS = {
        new AffineTransform(),
        AffineTransform.getQuadrantRotateInstance(-1),
        AffineTransform.getQuadrantRotateInstance(1)
    };

    private TextRecovery() {}

    /** A text and where it goes: draw {@code text} with {@code font} at the origin of {@code at}. */
    record Placed(String text, Font font, AffineTransform at) {}

    /** The text whose outline {@code shape} is, or null. */
    static Placed match(Shape shape, Font font, FontRenderContext frc) {
        if (!(font instanceof TextFont tf)) {
            return null;
        }
        double[] target = coordinates(shape, null);
        if (target.length < 4) {
            return null;
        }
        for (String text : tf.recent()) {
            double[][] outlines = tf.outlines(text, frc, (t, c) -> turnedOutlines(t, tf.plain(), c));
            for (int k = 0; k < TURNS.length; k++) {
                AffineTransform turn = TURNS[k];
                double[] turned = outlines[k];
                if (turned.length != target.length) {
                    continue;
                }
                double dx = target[2] - turned[2]; // the first point (after the first segment's type pair)
                double dy = target[3] - turned[3];
                if (matches(target, turned, dx, dy)) {
                    AffineTransform at = AffineTransform.getTranslateInstance(dx, dy);
                    at.concatenate(turn);
                    return new Placed(text, tf.plain(), at);
                }
            }
        }
        return null;
    }

    /** The coordinates of {@code text}'s outline under each of {@link #TURNS}. */
    private static double[][] turnedOutlines(String text, Font font, FontRenderContext frc) {
        Shape outline = new TextLayout(text, font, frc).getOutline(null);
        double[][] out = new double[TURNS.length][];
        for (int k = 0; k < TURNS.length; k++) {
            out[k] = coordinates(outline, TURNS[k]);
        }
        return out;
    }

    private static boolean matches(double[] target, double[] turned, double dx, double dy) {
        for (int i = 0; i < target.length; i += 2) {
            if (target[i] <= MARK || turned[i] <= MARK) {
                if (target[i] != turned[i]) {
                    return false;
                }
                continue;
            }
            if (Math.abs(target[i] - turned[i] - dx) > TOLERANCE
                    || Math.abs(target[i + 1] - turned[i + 1] - dy) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Every coordinate of the path, with a pair of large negative numbers coding the segment type before each segment. */
    private static double[] coordinates(Shape s, AffineTransform at) {
        List<Double> out = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(at); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            int n = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 2;
                case PathIterator.SEG_QUADTO -> 4;
                case PathIterator.SEG_CUBICTO -> 6;
                default -> 0;
            };
            out.add(-1e9 * (type + 1)); // segment type as a pair far outside any drawing, so types must agree
            out.add(-1e9 * (type + 1));
            for (int k = 0; k < n; k++) {
                out.add(c[k]);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }
}
