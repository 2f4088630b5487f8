package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

/**
 * Ranges computed on demand: every point equals the exact decimal start + i·step rounded once,
 * computed here independently with {@link BigDecimal} (exact sum, then the correctly rounded
 * {@code doubleValue}), for grids that take the one-division route and grids that do not.
 */
class GridRangeTest {
    private static void assertExact(String start, String stop, String step) {
        Grid g = Grid.parse("eps", start + ":" + stop + ":" + step);
        BigDecimal a = new BigDecimal(start);
        BigDecimal b = new BigDecimal(step);
        int n = new BigDecimal(stop)
                        .subtract(a)
                        .divide(b, MathContext.DECIMAL128)
                        .intValue()
                + 1;
        assertEquals(n, g.size(), g.text());
        int stride = Math.max(1, n / 2_000); // every point of small grids, 2000 spread over large ones
        for (int i = 0; i < n; i += stride) {
            double ref = a.add(b.multiply(BigDecimal.valueOf(i))).doubleValue();
            assertEquals(
                    Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(g.get(i)), g.text() + " point " + i);
        }
        double last = a.add(b.multiply(BigDecimal.valueOf(n - 1))).doubleValue();
        assertEquals(last, g.get(n - 1), 0.0);
    }

    @Test
    void decimalRangesAreTheExactDecimalsRoundedOnce() {
        assertExact("0", "1", "0.05");
        assertExact("0", "1", "1e-7");
        assertExact("0.1", "0.7", "0.1");
        assertExact("-3.3", "2.7", "0.0007");
        assertExact("0.123456789", "9.87", "0.000001");
        assertExact("1e3", "1e6", "12.5");
        assertExact("0", "3e-300", "1e-303"); // denominator beyond 2^53: the exact-fraction route
        assertExact("0", "1e12", "123456.789"); // numerators beyond 2^53: the exact-fraction route
    }

    @Test
    void fractionRangesKeepTheFractionRoute() {
        Grid g = Grid.parse("eps", "0:8/255:1/255");
        assertEquals(9, g.size());
        for (int i = 0; i < 9; i++) {
            double ref = new BigDecimal(i)
                    .divide(new BigDecimal(255), MathContext.DECIMAL128)
                    .doubleValue();
            assertEquals(ref, g.get(i), 0.0);
        }
    }

    @Test
    void largeRangesStreamButDoNotMaterialise() {
        Grid g = Grid.parse("eps", "0:1:1e-7");
        assertEquals(10_000_001, g.size());
        assertEquals(0.5, g.get(5_000_000), 0.0);
        ParameterException e =
                assertThrows(ParameterException.class, () -> g.atLeast("eps", 0).values());
        assertEquals("eps", e.parameter());
        assertTrue(e.getMessage().contains("more than 1000000 points"), e.getMessage());
        assertThrows(ParameterException.class, () -> Grid.parse("eps", "0:1:1e-10"));
    }

    @Test
    void checksReportTheFirstPointOutsideAsAListWould() {
        Grid g = Grid.parse("p", "0:2:0.25");
        assertEquals(
                "p values must be in [0, 1] (got 1.25)",
                assertThrows(ParameterException.class, () -> g.within("p", 0, 1))
                        .getMessage());
        assertEquals(
                "eps values must be >= 0 (got -1)",
                assertThrows(
                                ParameterException.class,
                                () -> Grid.parse("eps", "-1:1:0.5").atLeast("eps", 0))
                        .getMessage());
        assertEquals(g, g.within("p", 0, 2));
    }
}
