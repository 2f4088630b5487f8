package tradeoffs.deep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

class ArchitectureTest {

    @Test
    void everyModelMapsImagesToLogitsAndCountsItsParameters() {
        // Parameter counts by hand for 3×16×16 inputs and K = 5:
        // cnn: conv 3→16 (3·16·9 + 16 = 448), conv 16→32 (16·32·9 + 32 = 4640),
        //      dense 32·4·4 → 64 (512·64 + 64 = 32832), dense 64 → 5 (325): 38245.
        // linear: 768·5 + 5 = 3845. mlp: 768·256 + 256 + 256·128 + 128 + 128·5 + 5 = 230 405.
        long[] expected = {38245, -1, 230405, 3845};
        Architecture[] archs = {Architecture.CNN, Architecture.RESNET, Architecture.MLP, Architecture.LINEAR};
        for (int a = 0; a < archs.length; a++) {
            try (Classifier c = Classifier.create(archs[a], 3, 16, 16, 5, Device.cpu(), 1);
                    NDManager m = c.manager().newSubManager()) {
                NDArray x = m.ones(c.inputShape(2)).mul(0.5f);
                assertArrayEquals(
                        new long[] {2, 5}, c.logits(x, false).getShape().getShape(), archs[a].id());
                if (expected[a] > 0) {
                    assertEquals(expected[a], c.parameterCount(), archs[a].id());
                } else {
                    assertTrue(c.parameterCount() > 0);
                }
                assertEquals(archs[a], Architecture.parse(archs[a].id().toUpperCase()));
            }
        }
        ParameterException e = assertThrows(ParameterException.class, () -> Architecture.parse("vgg"));
        assertEquals("model must be one of cnn, resnet, mlp, linear (got 'vgg')", e.getMessage());
        assertEquals("model", e.parameter());
    }
}
