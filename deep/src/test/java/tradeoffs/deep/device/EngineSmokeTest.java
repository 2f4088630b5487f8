package tradeoffs.deep.device;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineSmokeTest {
    @Test
    void engineLoadsOfflineAndDifferentiates() {
        Engine e = Engine.getEngine("PyTorch");
        System.out.println(e.getEngineName() + " " + e.getVersion() + " gpus=" + e.getGpuCount());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = e.newGradientCollector()) {
                NDArray y = x.mul(x).sum();
                gc.backward(y);
            }
            assertEquals(4f, x.getGradient().getFloat(1), 1e-6);
        }
    }
}
