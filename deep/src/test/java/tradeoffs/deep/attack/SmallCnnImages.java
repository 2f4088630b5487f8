package tradeoffs.deep.attack;

import ai.djl.Device;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/**
 * Shared fixture of the attack tests: an untrained 3-class CNN on 3×8×8 images and 12 images whose
 * pixels are 40% exactly at the bounds 0 or 1 (so the box matters for every norm), labels cycling
 * through the classes.
 */
abstract class SmallCnnImages {
    static Classifier model;
    static float[] x;
    static int[] y;

    @BeforeAll
    static void setUp() {
        model = Classifier.create(Architecture.CNN, 3, 8, 8, 3, Device.cpu(), 1);
        SplittableRandom rng = new SplittableRandom(2);
        int n = 12;
        x = new float[n * model.imageSize()];
        for (int i = 0; i < x.length; i++) {
            double u = rng.nextDouble();
            x[i] = u < 0.2 ? 0f : (u > 0.8 ? 1f : (float) rng.nextDouble());
        }
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }
}
