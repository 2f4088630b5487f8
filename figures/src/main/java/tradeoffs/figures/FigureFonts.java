package tradeoffs.figures;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The figures' one typeface: DejaVu Sans when it is installed (it has every glyph the figures use:
 * Greek, ℓ, ∞, ′, −), else Java's logical SansSerif. PNG, SVG and PDF use the same face: the SVG names
 * it (with sans-serif as the fallback), the PDF embeds the TrueType file when it can be found.
 */
final class FigureFonts {
    /** The preferred face. */
    static final String PREFERRED = "DejaVu Sans";
    /** The face in use. */
    static final String FAMILY =
            Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                            .contains(PREFERRED)
                    ? PREFERRED
                    : Font.SANS_SERIF;

    private static final List<String> FILES = List.of(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
            "/Library/Fonts/DejaVuSans.ttf",
            System.getProperty("java.home") + "/lib/fonts/DejaVuSans.ttf");

    private FigureFonts() {}

    /** The plain face at {@code size} px, remembering its texts for the vector back ends ({@link TextFont}). */
    static Font font(int size) {
        return new TextFont(new Font(FAMILY, Font.PLAIN, size));
    }

    /** The TrueType file of DejaVu Sans, for embedding in PDF; empty when none of the usual places has it. */
    static Optional<Path> trueTypeFile() {
        if (!FAMILY.equals(PREFERRED)) {
            return Optional.empty();
        }
        return FILES.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }
}
