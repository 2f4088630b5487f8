package tradeoffs.deep.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

class DeepRuntimeTest {

    @Test
    void pyTorchLoadsOfflineAndDifferentiates() {
        Engine e = DeepRuntime.engine();
        assertEquals("PyTorch", e.getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        try (NDManager m = e.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = e.newGradientCollector()) {
                gc.backward(x.mul(x).sum());
            }
            // d/dx Σx² = 2x, by hand
            assertEquals(4f, x.getGradient().getFloat(1), 0f);
        }
    }

    @Test
    void deviceChoice() {
        assertEquals(Device.cpu(), DeviceChoice.CPU.resolve());
        assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GPU"));
        ParameterException bad = assertThrows(ParameterException.class, () -> DeviceChoice.parse("tpu"));
        assertEquals("device", bad.parameter());
        assertEquals("device must be one of auto, cpu, gpu (got 'tpu')", bad.getMessage());
        if (DeepRuntime.engine().getGpuCount() == 0) {
            assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve());
            ParameterException noGpu = assertThrows(ParameterException.class, DeviceChoice.GPU::resolve);
            assertEquals("device", noGpu.parameter());
            assertTrue(noGpu.getMessage().contains("no GPU"), noGpu.getMessage());
            assertFalse(noGpu.getMessage().contains("--"), "a library names no flags: " + noGpu.getMessage());
        } else {
            assertEquals(Device.gpu(0), DeviceChoice.AUTO.resolve());
        }
    }
}
