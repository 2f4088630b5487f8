package tradeoffs.deep.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tradeoffs.io.Manifest;

/**
 * The one place that prepares DJL for this project: offline mode (nothing is ever downloaded,
 * the PyTorch native library comes from the jar on the class path), quiet logging, one CPU thread
 * per operator by default ({@code -Dai.djl.pytorch.num_threads=N} overrides), the C heap kept for
 * reuse ({@link NativeHeap}), and seeding.
 */
public final class DeepRuntime {
    private static volatile Engine engine;
    private static final Set<String> DEVICES = new LinkedHashSet<>();

    private DeepRuntime() {}

    /**
     * The PyTorch engine, loaded offline on first use. Sets {@code ai.djl.offline=true} and turns
     * DJL's informational logging down to warnings unless the user configured them.
     */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (DeepRuntime.class) {
                if (engine == null) {
                    System.setProperty("ai.djl.offline", "true");
                    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
                    // The CPU build probes for CUDA and warns when it finds a driver but no GPU.
                    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "error");
                    // One intra-op thread unless asked otherwise: the models are small, the runs
                    // deterministic, and OpenMP threads spinning on a shared, oversubscribed
                    // machine were measured 5-10x slower than one thread.
                    setIfAbsent("ai.djl.pytorch.num_threads", "1");
                    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
                    NativeHeap.keep();
                    engine = Engine.getEngine("PyTorch");
                }
                e = engine;
            }
        }
        return e;
    }

    /**
     * "PyTorch 2.5.1": the loaded engine's name and version, or null when this process never
     * loaded it (a manifest then says "not loaded" rather than starting PyTorch just to ask).
     */
    public static String loadedDescription() {
        Engine e = engine;
        return e == null ? null : e.getEngineName() + " " + e.getVersion();
    }

    /** Notes that {@code device} was chosen for computing ({@link DeviceChoice#resolve}); returns it. */
    static Device chosen(Device device) {
        synchronized (DEVICES) {
            DEVICES.add(device.toString());
        }
        return device;
    }

    /**
     * Records in {@code m} the engine this process loaded and the devices chosen for computing (the
     * engine's default device when none was chosen explicitly, as the bridge's managers use it); a
     * process that never loaded the engine leaves both "not loaded".
     */
    public static Manifest record(Manifest m) {
        Engine e = engine;
        if (e == null) {
            return m;
        }
        m.engine(e.getEngineName() + " " + e.getVersion());
        List<String> devices;
        synchronized (DEVICES) {
            devices = new ArrayList<>(DEVICES);
        }
        if (devices.isEmpty()) {
            devices.add(e.defaultDevice() + " (engine default)");
        }
        devices.forEach(m::device);
        return m;
    }

    /**
     * Seeds PyTorch's generators (parameter initialisation) and DJL's Java-side random utilities.
     * Data order and attack starts use Commons RNG streams derived from the same seed.
     */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    private static final Object GENERATOR = new Object();

    /**
     * Runs {@code work} while no other caller of this method runs: for seeding PyTorch's global
     * generator and drawing from it (building a model: {@code Classifier.create}, and loading one,
     * whose initialisation also draws), so models built on several threads get the weights their
     * seeds give, whatever the timing.
     */
    public static <T> T withGenerator(java.util.function.Supplier<T> work) {
        synchronized (GENERATOR) {
            return work.get();
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
