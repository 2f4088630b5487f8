package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BitmapForegroundsTest {

    /** Ten flat 2×2 bitmaps, image i of intensity 0.5 + 0.05·i; images 0..8 of class 0, image 9 of class 1. */
    private static BitmapForegrounds ten() {
        List<float[]> imgs = new ArrayList<>();
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            float v = 0.5f + 0.05f * i;
            imgs.add(new float[] {v, v, v, v});
        }
        labels[9] = 1;
        return new BitmapForegrounds("ten", 2, imgs, labels, 0.1);
    }

    @Test
    void testObjectsAreHeldOutOfTraining() {
        // Class 0 has images 0..8: the first 9*4/5 = 7 train, the last 2 (images 7 and 8) test.
        BitmapForegrounds f = ten();
        Set<Float> train = new HashSet<>();
        Set<Float> test = new HashSet<>();
        for (long s = 0; s < 400; s++) {
            train.add(f.sprite(0, s, false).at(0, 0));
            test.add(f.sprite(0, s, true).at(0, 0));
        }
        assertEquals(7, train.size(), "every training image is used: " + train);
        assertEquals(Set.of(0.5f + 0.05f * 7, 0.5f + 0.05f * 8), test);
        // A class with one image shares it.
        assertEquals(f.sprite(1, 1, false).at(0, 0), f.sprite(1, 2, true).at(0, 0));
        assertEquals(2, f.maxClasses());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.sprite(2, 0, false))
                .getMessage()
                .contains("class 2"));
    }

    @Test
    void thresholdAndShapeChecks() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new BitmapForegrounds("x", 2, List.of(new float[3]), new int[] {0}, 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new BitmapForegrounds("x", 2, List.of(new float[4]), new int[] {0}, 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new BitmapForegrounds("x", 2, List.of(new float[4]), new int[2], 0.1));
    }
}
