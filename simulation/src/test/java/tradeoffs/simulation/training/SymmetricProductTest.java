package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricProductTest {
    /** A random symmetric d × d matrix, row-major, exactly symmetric (upper triangle mirrored). */
    private static double[] symmetric(int d, SplittableRandom rng) {
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-20, 20));
                s[i * d + j] = v;
                s[j * d + i] = v;
            }
        }
        return s;
    }

    @Test
    void equalsTheRowByRowDotProductBitForBit() {
        // reference: (Sv)_i = SmoothedObjective.dot(S_i, v), one row at a time (the product the
        // rest of the solver uses); entries spread over 17 orders of magnitude, so another order
        // of the additions would differ in the last bits
        SplittableRandom rng = new SplittableRandom(3);
        for (int d : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 20, 31, 64, 100, 101}) {
            double[] s = symmetric(d, rng);
            SymmetricProduct product = new SymmetricProduct(s, d);
            for (int round = 0; round < 3; round++) {
                double[] v = new double[d];
                for (int j = 0; j < d; j++) {
                    v[j] = rng.nextDouble(-1, 1) * Math.exp(rng.nextDouble(-20, 20));
                }
                double[] out = new double[d];
                product.times(v, out);
                for (int i = 0; i < d; i++) {
                    double expected = SmoothedObjective.dot(s, i * d, v, d);
                    assertEquals(
                            Double.doubleToRawLongBits(expected),
                            Double.doubleToRawLongBits(out[i]),
                            "d = " + d + ", entry " + i + ": " + expected + " vs " + out[i]);
                }
            }
        }
    }

    @Test
    void aSecondProductStartsFromZero() {
        // the partial sums are work arrays: a product after another must not carry them over
        int d = 9;
        double[] s = symmetric(d, new SplittableRandom(5));
        SymmetricProduct product = new SymmetricProduct(s, d);
        double[] e = new double[d];
        double[] out = new double[d];
        for (int c = 0; c < d; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            product.times(e, out);
            for (int i = 0; i < d; i++) {
                assertEquals(s[i * d + c], out[i], 0.0, "column " + c + ", row " + i);
            }
        }
    }
}
