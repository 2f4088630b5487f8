package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KinkOrder} pops the kinks in the order of a stable sort of all of them (Arrays.sort of
 * the boxed indices by t, which is stable: ties keep the order they were found in), the order the
 * line search of {@link PiecewiseQuadraticFinish} walked before the heap.
 */
class KinkOrderTest {
    @Test
    void popsInTheOrderOfAStableSort() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            int count = random.nextInt(0, 40);
            double[] t = new double[count + 5];
            for (int e = 0; e < count; e++) {
                // few distinct values, so that ties are common
                t[e] = random.nextInt(0, 8) / 4.0;
            }
            Integer[] sorted = new Integer[count];
            for (int e = 0; e < count; e++) {
                sorted[e] = e;
            }
            Arrays.sort(sorted, Comparator.comparingDouble(e -> t[e]));
            int[] expected = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
            KinkOrder order = new KinkOrder(t, count);
            int[] popped = new int[count];
            for (int e = 0; e < count; e++) {
                assertEquals(t[expected[e]], order.peek(), "trial " + trial);
                popped[e] = order.poll();
            }
            assertArrayEquals(expected, popped, "trial " + trial);
        }
    }
}
