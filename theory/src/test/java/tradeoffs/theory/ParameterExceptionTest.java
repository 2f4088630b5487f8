package tradeoffs.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterExceptionTest {
    @Test
    void messageNamesTheParameterTheRequirementAndTheValue() {
        ParameterException e =
                assertThrows(ParameterException.class, () -> ParameterException.requireNonNegative("eps", -0.5));
        assertEquals("eps must be a finite number >= 0 (got -0.5)", e.getMessage());
        assertEquals("eps", e.parameter());
        assertEquals("--eps must be a finite number >= 0 (got -0.5)", e.messageAs("--eps"));
    }

    @Test
    void renamedUsesTheCallersWordsAndKeepsUnmappedNames() {
        ParameterException e = new ParameterException("train_size", "must be >= 1", 0);
        ParameterException r = e.renamed(Map.of("train_size", "--train-size"));
        assertEquals("--train-size must be >= 1 (got 0)", r.getMessage());
        assertSame(e, r.getCause());
        assertSame(e, e.renamed(Map.of("eps", "--eps")));
    }

    @Test
    void rangeChecksRejectNaNAndInfinity() {
        assertThrows(ParameterException.class, () -> ParameterException.requirePositive("lr", Double.NaN));
        assertThrows(
                ParameterException.class, () -> ParameterException.requirePositive("lr", Double.POSITIVE_INFINITY));
        assertThrows(ParameterException.class, () -> ParameterException.requireInRange("rho", 1.5, 0, 1));
        assertThrows(ParameterException.class, () -> ParameterException.requireAtLeast("steps", 0, 1));
        ParameterException.requireInRange("rho", 1.0, 0, 1);
    }
}
