package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    /** Three 1×1×2 images: pixel values i/10 and i/10 + 0.05, labels 0,1,0. */
    private static ImageSet three() {
        return new ImageSet(
                "t",
                1,
                1,
                2,
                new float[] {0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f},
                new int[] {0, 1, 0},
                2,
                new float[] {1, 0, 0, 1, 1, 1},
                new int[] {1, -1, 0});
    }

    @Test
    void accessorsSubsetsAndBatches() {
        ImageSet s = three();
        assertEquals(3, s.size());
        assertArrayEquals(new float[] {0.1f, 0.15f}, s.image(1));
        assertArrayEquals(new float[] {0f, 1f}, s.mask(1));
        ImageSet sub = s.subset(new int[] {2, 0});
        assertArrayEquals(new float[] {0.2f, 0.25f, 0f, 0.05f}, sub.pixels());
        assertArrayEquals(new int[] {0, 0}, sub.labels());
        assertArrayEquals(new int[] {0, 1}, sub.backgroundClass());
        List<ImageSet> b = s.batches(2);
        assertEquals(2, b.size());
        assertEquals(1, b.get(1).size());
        assertArrayEquals(new float[] {0.2f, 0.25f}, b.get(1).pixels());
        assertTrue(!s.hasBackgroundClasses());
        ImageSet noMeta = new ImageSet("u", 1, 1, 1, new float[] {0.5f}, new int[] {0}, 1, null, null);
        assertNull(noMeta.mask(0));
        assertEquals(-1, noMeta.background(0));
    }

    @Test
    void constructorRejectsBadShapesAndRanges() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 2, new float[3], new int[] {0, 0}, 2, null, null))
                .getMessage()
                .contains("N*C*H*W"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 1, new float[] {1.5f}, new int[] {0}, 2, null, null))
                .getMessage()
                .contains("[0,1]"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 1, new float[] {Float.NaN}, new int[] {0}, 2, null, null))
                .getMessage()
                .contains("[0,1]"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 1, new float[] {0.5f}, new int[] {2}, 2, null, null))
                .getMessage()
                .contains("labels must be in [0,2)"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 1, new float[] {0.5f}, new int[] {0}, 2, new float[2], null))
                .getMessage()
                .contains("foregroundMask"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ImageSet("x", 1, 1, 1, new float[] {0.5f}, new int[] {0}, 2, null, new int[] {2}))
                .getMessage()
                .contains("backgroundClass"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ImageSet("x", 0, 1, 1, new float[0], new int[0], 2, null, null));
    }
}
