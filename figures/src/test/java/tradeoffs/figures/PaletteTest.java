package tradeoffs.figures;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
    /** Rec. 601 luma, the grey level a greyscale printer or converter uses: 0.299R + 0.587G + 0.114B. */
    static double luma(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    @Test
    void theThreeNormsStayApartInGreyscale() {
        List<Color> norms = List.of(
                Palette.color(Palette.normIndex("l1")),
                Palette.color(Palette.normIndex("l2")),
                Palette.color(Palette.normIndex("linf")));
        for (int i = 0; i < norms.size(); i++) {
            for (int j = i + 1; j < norms.size(); j++) {
                // ≥ 25 grey levels of 255 apart (blue 87, vermillion 119, orange 162)
                assertTrue(
                        Math.abs(luma(norms.get(i)) - luma(norms.get(j))) >= 25, norms.get(i) + " vs " + norms.get(j));
            }
        }
    }

    @Test
    void neighbouringSeriesDifferInMarkerAndDashToo() {
        Set<Object> markers = new HashSet<>();
        Set<Object> strokes = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            markers.add(Palette.marker(i).getClass());
            strokes.add(java.util.Arrays.toString(Palette.stroke(i).getDashArray()));
        }
        assertEquals(4, markers.size());
        assertEquals(4, strokes.size());
    }

    @Test
    void colorsAreTheOkabeItoPalette() {
        // Okabe & Ito (2008), the colour-blind-safe set, hex values from the original page
        Set<Integer> okabeIto = Set.of(0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7);
        for (Color c : Palette.COLORS) {
            assertTrue(okabeIto.contains(c.getRGB() & 0xFFFFFF), c.toString());
        }
    }
}
