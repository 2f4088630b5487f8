package tradeoffs.deep.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.theory.ParameterException;

/**
 * An image classifier trained elsewhere, imported from a TorchScript file ({@code torch.jit.trace}
 * or {@code torch.jit.script}, then {@code .save}) and wrapped as a {@link Classifier}:
 * <pre>  logits(x) = map( module( (x − mean) / std ) )</pre>
 * with x the pixels in [0, 1] ({@link Normalization} inside the wrapper, so attacks and ε stay in
 * pixel space) and {@link ClassMapping} from the module's M outputs to the data's K classes.
 *
 * <p>Gradients: DJL 0.32 loads a TorchScript module under PyTorch's inference mode unless the load
 * option {@code trainParam=true} is given, and inference-mode parameters cannot take part in a
 * backward pass; it also runs a forward with {@code training=false} under inference mode. So the
 * module is loaded with {@code trainParam=true}, its parameters are then frozen (no gradient is
 * ever computed for them), and every forward goes through DJL's training path, which records the
 * graph for input gradients. DJL puts the module in {@code eval()} when loading and switches it
 * only when the training flag changes; it never changes here, so a scripted module stays in eval
 * mode. A traced module ignores {@code eval()}/{@code train()} altogether (the trace fixed dropout
 * and batch norm), which is why {@link ModuleMode#probe} checks what the module actually does, and
 * {@link GradientCheck} checks the input gradients against finite differences (they can be wrong:
 * gradient masking inside the module, or a numerical fault of the engine, docs/deep.md).
 */
public final class TorchScriptModel {
    private TorchScriptModel() {}

    /**
     * What an import produced.
     *
     * @param classifier the wrapped model (close it when done)
     * @param mode       what the mode probe found
     * @param outputs    M, the module's own number of outputs
     * @param mapping    how the outputs map to the data's classes
     * @param gradients  the finite-difference check of its input gradients
     */
    public record Imported(
            Classifier classifier, ModuleMode mode, int outputs, ClassMapping mapping, GradientCheck gradients) {}

    /**
     * Loads {@code file} for C×size×size inputs on {@code device}. {@code mapping} null means the
     * identity for a module whose outputs equal {@code classes} (or the ImageNet-1k → ImageNet-9 map
     * for 1000 outputs and 9 classes); otherwise it is resolved with the module's number of outputs.
     *
     * @param classes K, the data's number of classes; 0 for "the mapping's, or else the module's
     *     number of outputs" (when the data is generated to fit the model)
     * @throws ParameterException ({@code model_file}) for a missing or unreadable file or one whose
     *     output is not (N, M) logits; ({@code class_map}) when the mapping or K does not fit M
     */
    public static Imported load(
            Path file,
            int channels,
            int size,
            int classes,
            Normalization normalization,
            ClassMapping.Source mapping,
            Device device) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException("model_file", "must be an existing TorchScript file", file);
        }
        if (normalization.channels() != channels) {
            throw new ParameterException(
                    "mean", "must have one value per channel (" + channels + ")", normalization.channels() + " values");
        }
        Model model = Model.newInstance(
                file.getFileName().toString(), device, DeepRuntime.engine().getEngineName());
        try {
            Path abs = file.toAbsolutePath();
            model.load(abs.getParent(), abs.getFileName().toString(), java.util.Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ParameterException(
                    "model_file", "must be a TorchScript file that PyTorch 2.5 can load", file + ": " + firstLine(e));
        }
        Block module = model.getBlock();
        module.freezeParameters(true);
        NDManager manager = model.getNDManager();
        ParameterStore store = new ParameterStore(manager, false);
        Classifier.Forward raw = (x, training) -> {
            // Always DJL's training path: outside PyTorch's inference mode, so input gradients exist.
            NDList out = module.forward(store, new NDList(normalization.apply(x, x.getManager())), true);
            return out.head();
        };
        int outputs;
        try {
            outputs = outputsOf(raw, manager, channels, size, file);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        ClassMapping map;
        try {
            map = mapping == null
                    ? defaultMapping(outputs, classes > 0 ? classes : outputs, file)
                    : mapping.resolve(outputs, classes);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        int k = classes > 0 ? classes : map.classes();
        if (map.outputs() != outputs || map.classes() != k) {
            model.close();
            throw new ParameterException(
                    "class_map",
                    "must map the module's " + outputs + " outputs to the data's " + k + " classes",
                    map.outputs() + " outputs -> " + map.classes() + " classes (" + map.name() + ")");
        }
        Classifier.Forward mapped = (x, training) -> map.apply(raw.logits(x, training), x.getManager());
        Classifier c = Classifier.imported(
                "torchscript:" + file.getFileName(),
                channels,
                size,
                size,
                map.mappedWidth(),
                k,
                manager,
                module,
                mapped,
                model);
        ModuleMode mode = ModuleMode.probe(c, 20221201L);
        return new Imported(c, mode, outputs, map, GradientCheck.run(c, 20221202L));
    }

    private static ClassMapping defaultMapping(int outputs, int classes, Path file) {
        if (outputs == classes) {
            return ClassMapping.identity(classes);
        }
        if (outputs == 1000 && classes == 9) {
            return ClassMapping.imageNet9();
        }
        throw new ParameterException(
                "class_map",
                "is needed: the module has " + outputs + " outputs and the data " + classes + " classes",
                file);
    }

    /** M, from one forward pass on a grey batch of two images; the output must be (2, M). */
    private static int outputsOf(Classifier.Forward raw, NDManager manager, int channels, int size, Path file) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.ones(new Shape(2, channels, size, size)).mul(0.5f);
            Shape s;
            try {
                s = raw.logits(x, false).getShape();
            } catch (RuntimeException e) {
                throw new ParameterException(
                        "model_file",
                        "must accept " + channels + "x" + size + "x" + size + " images (set the input size)",
                        file + ": " + firstLine(e));
            }
            if (s.dimension() != 2 || s.get(0) != 2 || s.get(1) < 2) {
                throw new ParameterException(
                        "model_file",
                        "must return logits of shape (N, classes)",
                        file + " returns " + s + " for 2 images");
            }
            return (int) s.get(1);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
