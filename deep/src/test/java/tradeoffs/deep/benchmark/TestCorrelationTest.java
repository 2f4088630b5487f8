package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

/** Test splits at a shifted correlation ρ′ and a permuted class → background pairing. */
class TestCorrelationTest {
    private static final BenchmarkParams P = BenchmarkParams.defaults().withImageSize(12);
    private static final ShiftedBackgrounds BENCH = new ShiftedBackgrounds(P, 5);

    @Test
    void theTrainingCorrelationGivesExactlyTheTestImages() {
        ImageSet test = BENCH.test(Variant.ORIGINAL, 50);
        ImageSet same = BENCH.shiftedTest(TestCorrelation.identity(5, P.rho()), 50);
        assertArrayEquals(test.pixels(), same.pixels());
        assertArrayEquals(test.foregroundMask(), same.foregroundMask());
        assertArrayEquals(test.labels(), same.labels());
        assertArrayEquals(test.backgroundClass(), same.backgroundClass());
    }

    @Test
    void imagesDependOnRhoPrimeNotOnTheBenchmarksRho() {
        // A benchmark trained at rho = 1/K evaluated at rho' = 0.9 sees the rho = 0.9 benchmark's test images.
        ShiftedBackgrounds uncorrelated = new ShiftedBackgrounds(P.withRho(0.2), 5);
        assertArrayEquals(
                BENCH.test(Variant.ORIGINAL, 40).pixels(),
                uncorrelated.shiftedTest(TestCorrelation.identity(5, 0.9), 40).pixels());
    }

    @Test
    void objectsStayAndOnlyBackgroundsMove() {
        ImageSet a = BENCH.shiftedTest(TestCorrelation.identity(5, 0.9), 200);
        ImageSet b = BENCH.shiftedTest(TestCorrelation.rotated(5, 0.9, 1), 200);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.foregroundMask(), b.foregroundMask(), "same object, pose and position");
        int moved = 0;
        for (int i = 0; i < a.size(); i++) {
            moved += a.background(i) != b.background(i) ? 1 : 0;
        }
        assertTrue(moved > 150, "most backgrounds change with the pairing: " + moved);
    }

    @Test
    void pairedShareIsRhoPrimeAndTheRestIsUniform() {
        int n = 6000;
        int k = 5;
        for (TestCorrelation c : new TestCorrelation[] {
            TestCorrelation.identity(k, 0.2), TestCorrelation.rotated(k, 0.9, 1), TestCorrelation.rotated(k, 0.6, 3)
        }) {
            ImageSet s = BENCH.shiftedTest(c, n);
            int paired = 0;
            int[] offsets = new int[k];
            for (int i = 0; i < n; i++) {
                int y = s.labels()[i];
                int b = s.background(i);
                if (b == c.pairedType(y)) {
                    paired++;
                } else {
                    offsets[Math.floorMod(b - c.pairedType(y), k)]++;
                }
            }
            // binomial sd <= sqrt(0.25/n) = 0.0065; 5 sd
            assertEquals(c.rho(), paired / (double) n, 5 * Math.sqrt(0.25 / n), c.id());
            int others = n - paired;
            for (int d = 1; d < k; d++) {
                double sd = Math.sqrt(others * 0.25 * 0.75);
                assertEquals(others / 4.0, offsets[d], 5 * sd, c.id() + " offset " + d);
            }
        }
    }

    @Test
    void aLargerRhoPrimeKeepsEveryMatchOfASmallerOne() {
        ImageSet lo = BENCH.shiftedTest(TestCorrelation.identity(5, 0.3), 300);
        ImageSet hi = BENCH.shiftedTest(TestCorrelation.identity(5, 0.7), 300);
        for (int i = 0; i < 300; i++) {
            if (lo.background(i) == lo.labels()[i]) {
                assertEquals(lo.labels()[i], hi.background(i), "image " + i);
            }
        }
    }

    @Test
    void pairingsAreNamedAndValidated() {
        assertEquals("same", TestCorrelation.identity(4, 0.5).pairingId());
        assertEquals("next", TestCorrelation.rotated(4, 0.5, 1).pairingId());
        assertEquals("2-3-0-1", TestCorrelation.rotated(4, 0.5, 2).pairingId());
        assertEquals("rho=0.9,pairing=next", TestCorrelation.rotated(5, 0.9, 6).id());
        assertFalse(TestCorrelation.rotated(4, 0.5, 1).isIdentity());
        ParameterException e =
                assertThrows(ParameterException.class, () -> new TestCorrelation(0.5, new int[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("pairing"), e.getMessage());
        assertThrows(ParameterException.class, () -> TestCorrelation.identity(5, 1.5));
        assertThrows(ParameterException.class, () -> BENCH.shiftedTest(TestCorrelation.identity(3, 0.5), 10));
        int[] p = {1, 0};
        TestCorrelation t = new TestCorrelation(0.5, p);
        p[0] = 0;
        assertEquals(1, t.pairedType(0), "the record keeps its own copy");
    }
}
