package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

class GridTest {
    @Test
    void rangePointsAreTheDecimalsTheyNameNotAccumulatedSums() {
        // Reference: Double.parseDouble of each decimal written out by hand.
        assertArrayEquals(
                new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0},
                Grid.parse("eps", "0:1:0.1").values(),
                0.0);
        assertArrayEquals(
                new double[] {0, 0.25, 0.5, 0.75, 1},
                Grid.parse("eps", "0:1:0.25").values(),
                0.0);
        assertArrayEquals(
                new double[] {0.1, 0.2}, Grid.parse("eps", "0.1:0.25:0.1").values(), 0.0, "stop off the grid");
    }

    @Test
    void fractionsAreTheQuotientRoundedOnce() {
        // IEEE division of two exact integers is correctly rounded: the independent reference.
        assertArrayEquals(
                new double[] {4.0 / 255, 8.0 / 255},
                Grid.parse("eps", "4/255,8/255").values(),
                0.0);
        assertArrayEquals(
                new double[] {0, 2.0 / 255, 4.0 / 255, 6.0 / 255, 8.0 / 255},
                Grid.parse("eps", "0:8/255:2/255").values(),
                0.0);
        assertArrayEquals(new double[] {0.5}, Grid.parse("eps", "1/2").values(), 0.0);
    }

    @Test
    void badTextNamesTheParameterAndWhatItMustBe() {
        assertEquals(
                "eps step must be > 0 (got '0:1:0')",
                assertThrows(ParameterException.class, () -> Grid.parse("eps", "0:1:0"))
                        .getMessage());
        assertEquals(
                "eps stop must be >= start (got '1:0:0.1')",
                assertThrows(ParameterException.class, () -> Grid.parse("eps", "1:0:0.1"))
                        .getMessage());
        assertEquals(
                "mix must be a number, a fraction p/q, a comma list or start:stop:step (got 'a,b')",
                assertThrows(ParameterException.class, () -> Grid.parse("mix", "a,b"))
                        .getMessage());
        assertEquals(
                "eps must not divide by 0 (got '1/0')",
                assertThrows(ParameterException.class, () -> Grid.parse("eps", "1/0"))
                        .getMessage());
        assertEquals(
                "eps values must be >= 0 (got -0.5)",
                assertThrows(
                                ParameterException.class,
                                () -> Grid.parse("eps", "-1/2").atLeast("eps", 0))
                        .getMessage());
        assertEquals(
                "p0 values must be in [0.5, 1] (got 0.4)",
                assertThrows(
                                ParameterException.class,
                                () -> Grid.parse("p0", "0.4").within("p0", 0.5, 1))
                        .getMessage());
    }
}
