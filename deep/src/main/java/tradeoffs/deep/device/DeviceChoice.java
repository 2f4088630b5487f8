package tradeoffs.deep.device;

import ai.djl.Device;
import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * Where tensors live: {@code cpu}, {@code gpu} (fails when PyTorch sees none), or {@code auto}
 * (the first GPU when there is one, else the CPU). A GPU needs only the {@code cuda} Maven
 * profile, which swaps the CPU native library for the CUDA 12.4 one.
 */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** Parses {@code auto|cpu|gpu} (case-insensitive). */
    public static DeviceChoice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException("device", "must be one of auto, cpu, gpu", "'" + text + "'");
        }
    }

    /** The DJL device for this choice, given how many GPUs the engine sees. */
    public Device resolve() {
        return DeepRuntime.chosen(device());
    }

    private Device device() {
        int gpus = DeepRuntime.engine().getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new ParameterException(
                            "device",
                            "is gpu but PyTorch sees no GPU (engine "
                                    + DeepRuntime.engine().getVersion()
                                    + "); build with 'mvn -Pcuda' on a machine with an "
                                    + "NVIDIA driver for CUDA 12.4, or choose cpu or auto",
                            "gpu");
                }
                yield Device.gpu(0);
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
