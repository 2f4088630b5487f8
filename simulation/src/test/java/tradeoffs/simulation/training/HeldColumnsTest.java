package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.optim.Vectors;

class HeldColumnsTest {
    @Test
    void keepsColumnsAndProductsUntilCleared() {
        // reference: each product summed afresh by Vectors.dot; 11 columns make the store grow twice
        SplittableRandom rng = new SplittableRandom(9);
        int d = 6;
        int h = 11;
        HeldColumns store = new HeldColumns();
        for (int factor = 0; factor < 3; factor++) {
            store.clear();
            double[][] rows = new double[h][];
            double[][] cols = new double[h][];
            for (int k = 0; k < h; k++) {
                rows[k] = rng.doubles(d, -1, 1).toArray();
                cols[k] = rng.doubles(d, -1, 1).toArray();
                int key = 100 * factor + 7 * k;
                assertEquals(-1, store.slot(key), "not kept before it is added");
                assertEquals(k, store.add(key, cols[k]));
                assertEquals(k, store.slot(key));
                assertSame(cols[k], store.column(k));
                // products among the columns so far, some asked twice (the second from the store)
                for (int a = 0; a <= k; a++) {
                    for (int c = 0; c <= k; c++) {
                        double expected = Vectors.dot(rows[a], cols[c]);
                        assertEquals(expected, store.product(a, rows[a], c), 0.0, a + ", " + c);
                        assertEquals(expected, store.product(a, rows[a], c), 0.0, a + ", " + c);
                    }
                }
            }
        }
    }

    @Test
    void aSlotReusedAfterClearForgetsTheOldProducts() {
        // after clear, slot 0 holds another column: its products are those of the new column
        HeldColumns store = new HeldColumns();
        double[] row = {1, 2};
        store.add(4, new double[] {1, 0});
        assertEquals(1.0, store.product(0, row, 0), 0.0);
        store.clear();
        assertEquals(-1, store.slot(4));
        store.add(5, new double[] {0, 1});
        assertEquals(2.0, store.product(0, row, 0), 0.0);
    }
}
