package tradeoffs.theory.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void dotSumsInIndexOrderOverTheFirstArgument() {
        // 1e16 + 1 − 1e16 in index order is 0 (the 1 is lost), in another order 1
        assertEquals(0.0, Vectors.dot(new double[] {1e16, 1, -1e16}, new double[] {1, 1, 1, 7}));
        assertEquals(32.0, Vectors.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
    }

    @Test
    void allFiniteRejectsNanAndInfinitiesAnywhere() {
        assertTrue(Vectors.allFinite(new double[] {0, -0.0, Double.MAX_VALUE, -Double.MIN_VALUE}));
        assertTrue(Vectors.allFinite(new double[0]));
        assertFalse(Vectors.allFinite(new double[] {1, 2, Double.NaN}));
        assertFalse(Vectors.allFinite(new double[] {Double.POSITIVE_INFINITY, 1}));
        assertFalse(Vectors.allFinite(new double[] {1, Double.NEGATIVE_INFINITY}));
    }
}
