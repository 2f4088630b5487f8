// CPU time of one forward pass and of one forward + input-gradient pass of the default CNN, by
// four routes that give the same logits and input gradients (checked bit for bit here first):
//   block        the DJL block (conv, ReLU, max pool on contiguous tensors), what training uses
//   reluAfter    the same operations with the ReLU after each pool (contiguous pool)
//   clPool       the pools on a channels-last copy, ReLU before them
//   clPoolRelu   the pools on a channels-last copy, ReLU after them: deep.attack.CnnLogits' route
// Routes are interleaved rep by rep (A B C D, B C D A, ...), thread CPU time, one PyTorch thread,
// so a load change falls on all of them (benchmarks/results/deepeval2.md).
//
// Usage (single-file program on the command-line jar's class path; CHECKPOINT = a CNN checkpoint
// folder, e.g. one `deep sweep` wrote under OUT/models/<benchmark>/<regime>):
//   mvn -B -ntp -pl cli -am package -DskipTests
//   java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
//     -cp 'cli/target/lib/*:cli/target/tradeoffs.jar' benchmarks/compare/CnnPoolRoutes.java CHECKPOINT [ROWS] [REPS]
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import tradeoffs.deep.device.Autograd;
import tradeoffs.deep.device.NativeHeap;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.Checkpoint;

public class CnnPoolRoutes {
    static final String[] ROUTES = {"block", "reluAfter", "clPool", "clPoolRelu"};
    static final Shape ONE = new Shape(1, 1), TWO = new Shape(2, 2), ZERO = new Shape(0, 0);
    static NDArray[] p = new NDArray[8];
    static Classifier model;

    static NDArray conv(NDArray x, int i) {
        return x.getNDArrayInternal().convolution(x, p[i], p[i + 1], ONE, ONE, ONE, 1).singletonOrThrow();
    }

    static NDArray pool(NDArray x) {
        return x.getNDArrayInternal().maxPool(TWO, TWO, ZERO, false);
    }

    static NDArray clPool(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        NDArray cl = x.transpose(0, 2, 3, 1).reshape(n, h, w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
        NDArray q = pool(cl);
        Shape t = q.getShape();
        return q.reshape(n, c * t.get(2), t.get(3)).reshape(t);
    }

    static NDArray logits(NDArray x, int route) {
        if (route == 0) {
            return model.logits(x, false);
        }
        NDArray h = x;
        for (int i = 0; i < 4; i += 2) {
            h = conv(h, i);
            h = switch (route) {
                case 1 -> Activation.relu(pool(h));
                case 2 -> clPool(Activation.relu(h));
                default -> Activation.relu(clPool(h));
            };
        }
        h = h.reshape(h.getShape().get(0), -1);
        h = Activation.relu(h.getNDArrayInternal().linear(h, p[4], p[5]).singletonOrThrow());
        return h.getNDArrayInternal().linear(h, p[6], p[7]).singletonOrThrow();
    }

    /** Logits and input gradient of sum(logits * weights); the arrays belong to {@code x}'s manager. */
    static NDArray[] pass(NDArray x, NDArray weights, int route, boolean gradient) {
        if (!gradient) {
            return new NDArray[] {logits(x, route), null};
        }
        x.setRequiresGradient(true);
        try (Autograd g = Autograd.record()) {
            NDArray f = logits(x, route);
            g.backward(f.mul(weights).sum());
            return new NDArray[] {f, x.getGradient()};
        }
    }

    public static void main(String[] args) {
        NativeHeap.keep();
        model = Checkpoint.load(Path.of(args[0]), Device.cpu());
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 80;
        model.parameterGradients(false);
        var ps = model.block().getParameters();
        for (int i = 0; i < 8; i++) {
            p[i] = ps.get(i).getValue().getArray();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x0 = m.randomUniform(0, 1, model.inputShape(n));
            NDArray w = m.randomUniform(-1, 1, new Shape(n, model.numClasses()));
            float[][] reference = null;
            for (int r = 0; r < ROUTES.length; r++) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray x = x0.duplicate();
                    x.attach(sm);
                    NDArray[] out = pass(x, w, r, true);
                    float[][] got = {out[0].toFloatArray(), out[1].toFloatArray()};
                    if (reference == null) {
                        reference = got;
                    } else if (!java.util.Arrays.equals(reference[0], got[0])
                            || !java.util.Arrays.equals(reference[1], got[1])) {
                        throw new IllegalStateException(ROUTES[r] + " differs from the block");
                    }
                }
            }
            long[][] cpu = new long[2][ROUTES.length];
            int warm = 5;
            for (int rep = 0; rep < reps + warm; rep++) {
                for (int k = 0; k < ROUTES.length; k++) {
                    int r = (k + rep) % ROUTES.length;
                    for (int grad = 0; grad < 2; grad++) {
                        long t = threads.getCurrentThreadCpuTime();
                        try (NDManager sm = m.newSubManager()) {
                            NDArray x = x0.duplicate();
                            x.attach(sm);
                            NDArray[] out = pass(x, w, r, grad == 1);
                            (grad == 1 ? out[1] : out[0]).toFloatArray();
                        }
                        if (rep >= warm) {
                            cpu[grad][r] += threads.getCurrentThreadCpuTime() - t;
                        }
                    }
                }
            }
            System.out.printf("%d rows, %d reps; thread CPU microseconds per image%n", n, reps);
            System.out.printf("%-12s %10s %22s%n", "route", "forward", "forward + input grad");
            for (int r = 0; r < ROUTES.length; r++) {
                System.out.printf(
                        "%-12s %10.1f %22.1f%n",
                        ROUTES[r], cpu[0][r] / 1e3 / reps / n, cpu[1][r] / 1e3 / reps / n);
            }
        }
        model.close();
    }
}
