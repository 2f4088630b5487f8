package tradeoffs.deep.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Foregrounds;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.InputFile;
import tradeoffs.io.Json;
import tradeoffs.theory.ParameterException;

/**
 * A trained classifier on disk: a folder with {@code model.params} (DJL's parameter format) and
 * {@code model.json} (architecture, image shape, classes, how it was trained, the benchmark it was
 * trained on, and the SHA-256 of the parameter file). A missing or corrupt checkpoint, or one whose
 * parameters do not have the shapes its sidecar's architecture needs, is an
 * {@link IllegalArgumentException} naming the path (bad input, exit code 2 on the command line).
 *
 * <p>The two files are written as a set ({@link #save}: a temporary folder renamed into place,
 * {@link AtomicFolder}), so a run killed while saving leaves the old checkpoint or the new one,
 * never the new parameters beside the old sidecar.
 *
 * @param architecture the model
 * @param channels C
 * @param height H
 * @param width W
 * @param numClasses K
 * @param training how it was trained
 * @param benchmark the benchmark's parameters, or null when trained on other data
 * @param benchmarkSeed the benchmark generator's seed
 * @param trainSize the number of training images
 */
public record Checkpoint(
        Architecture architecture,
        int channels,
        int height,
        int width,
        int numClasses,
        TrainConfig training,
        BenchmarkParams benchmark,
        long benchmarkSeed,
        int trainSize) {

    public Checkpoint {
        if (channels < 1 || channels > 4 || height < 1 || height > 4096 || width < 1 || width > 4096) {
            throw new IllegalArgumentException(
                    "image shape must be C x H x W with C in [1, 4] and H, W in [1, 4096] (got " + channels + "x"
                            + height + "x" + width + ")");
        }
        if (numClasses < 2 || numClasses > 1000) {
            throw new IllegalArgumentException("num_classes must be in [2, 1000] (got " + numClasses + ")");
        }
    }

    /** The parameter file's name inside a checkpoint folder. */
    public static final String PARAMS = "model.params";
    /** The sidecar's name inside a checkpoint folder. */
    public static final String SIDECAR = "model.json";

    private static final String FORMAT = "tradeoffs-deep-checkpoint/1";

    /** The description of {@code model} trained with {@code training}. */
    public static Checkpoint of(
            Classifier model, TrainConfig training, BenchmarkParams benchmark, long benchmarkSeed, int trainSize) {
        return new Checkpoint(
                model.architecture(),
                model.channels(),
                model.height(),
                model.width(),
                model.numClasses(),
                training,
                benchmark,
                benchmarkSeed,
                trainSize);
    }

    /**
     * Writes {@code model}'s parameters and this sidecar as the folder {@code dir}, replacing what
     * it held, as one set ({@link AtomicFolder#write}). The caller holds the folder's lock when
     * other runs may write it.
     */
    public void save(Path dir, Classifier model) {
        AtomicFolder.write(dir, true, tmp -> writeFiles(tmp, model));
    }

    /**
     * Writes {@code model}'s parameters and this sidecar into {@code folder} (a folder being
     * written as a set, e.g. inside {@link AtomicFolder#write} with other files of the run).
     */
    public void writeFiles(Path folder, Classifier model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            model.saveParameters(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise model parameters: " + e.getMessage(), e);
        }
        byte[] params = bytes.toByteArray();
        AtomicFiles.writeBytes(folder.resolve(PARAMS), params);
        Map<String, Object> json = toMap();
        json.put("params_sha256", sha256(params));
        AtomicFiles.writeString(folder.resolve(SIDECAR), Json.write(json));
    }

    /** Reads the sidecar of the checkpoint in {@code path} (the folder, or a file inside it). */
    public static Checkpoint read(Path path) {
        return parse(folder(path)).checkpoint;
    }

    /** Loads the checkpoint in {@code path} (the folder, or a file inside it) onto {@code device}. */
    public static Classifier load(Path path, Device device) {
        Path dir = folder(path);
        Parsed parsed = parse(dir);
        Path paramsFile = dir.resolve(PARAMS);
        byte[] params;
        try {
            params = Files.readAllBytes(paramsFile);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + dir + ": missing " + PARAMS, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + paramsFile + ": " + e.getMessage(), e);
        }
        if (parsed.sha256 != null && !parsed.sha256.equals(sha256(params))) {
            throw new IllegalArgumentException(
                    "checkpoint " + dir + ": " + PARAMS + " is corrupt (SHA-256 differs from " + SIDECAR + ")");
        }
        Checkpoint c = parsed.checkpoint;
        try {
            return Classifier.load(
                    c.architecture,
                    c.channels,
                    c.height,
                    c.width,
                    c.numClasses,
                    device,
                    new ByteArrayInputStream(params));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + dir + ": cannot load " + PARAMS + " (" + e.getMessage() + ")", e);
        }
    }

    private record Parsed(Checkpoint checkpoint, String sha256) {}

    /** The checkpoint folder of {@code path} (the folder or a file in it; a folder being replaced is read where its content is). */
    private static Path folder(Path path) {
        if (Files.isRegularFile(path)) {
            return path.toAbsolutePath().getParent();
        }
        Path current = AtomicFolder.current(path);
        if (!Files.isDirectory(current)) {
            throw new ParameterException("checkpoint", "must be an existing checkpoint folder", path);
        }
        return current;
    }

    private static Parsed parse(Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        Map<String, Object> m;
        if (!Files.exists(sidecar)) {
            throw new IllegalArgumentException("checkpoint " + dir + ": missing " + SIDECAR);
        }
        String text;
        try {
            text = InputFile.readText("checkpoint", sidecar); // strict UTF-8, no binary
        } catch (ParameterException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + dir + ": " + SIDECAR + " " + e.requirement() + " (" + e.got() + ")", e);
        }
        try {
            m = Json.MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {});
            if (m == null) {
                throw new IllegalArgumentException(
                        "checkpoint " + dir + ": " + SIDECAR + " is not a JSON object (empty)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + dir + ": " + SIDECAR + " is not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
        try {
            if (!FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException("format must be '" + FORMAT + "' (got " + m.get("format") + ")");
            }
            Map<String, Object> t = map(m.get("training"));
            List<Pgd> attacks = new ArrayList<>();
            for (Object o : (List<?>) t.get("attacks")) {
                Map<String, Object> a = map(o);
                attacks.add(new Pgd(
                        PerturbationNorm.parse(str(a, "norm"), "norm"),
                        num(a, "eps"),
                        (int) num(a, "steps"),
                        num(a, "step_size"),
                        (Boolean) a.get("random_start"),
                        (int) num(a, "restarts"),
                        AttackLoss.parse(str(a, "loss"), "loss"),
                        num(a, "l1_sparsity")));
            }
            TrainConfig training = new TrainConfig(
                    Architecture.parse(str(m, "architecture")),
                    (int) num(t, "epochs"),
                    (int) num(t, "batch_size"),
                    num(t, "learning_rate"),
                    lnum(t, "seed"),
                    attacks,
                    TrainConfig.MultiMode.parse(str(t, "mode")),
                    // Sidecars written before the method was recorded: what the attacks imply.
                    t.get("method") == null ? null : TrainConfig.Method.parse(str(t, "method")),
                    t.get("trades_beta") == null ? TrainConfig.DEFAULT_TRADES_BETA : num(t, "trades_beta"));
            BenchmarkParams bp = null;
            long bseed = 0;
            int trainSize = 0;
            if (m.get("benchmark") != null) {
                Map<String, Object> b = map(m.get("benchmark"));
                bp = new BenchmarkParams(
                        (int) num(b, "classes"),
                        (int) num(b, "image_size"),
                        num(b, "rho"),
                        num(b, "fg_contrast"),
                        num(b, "bg_contrast"),
                        Foregrounds.parse(str(b, "foregrounds")),
                        b.get("data") == null ? null : Path.of(str(b, "data")));
                bseed = lnum(b, "seed");
                trainSize = (int) num(b, "train_size");
            }
            Checkpoint c = new Checkpoint(
                    training.architecture(),
                    (int) num(m, "channels"),
                    (int) num(m, "height"),
                    (int) num(m, "width"),
                    (int) num(m, "num_classes"),
                    training,
                    bp,
                    bseed,
                    trainSize);
            return new Parsed(c, (String) m.get("params_sha256"));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + dir + ": malformed " + SIDECAR + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    e);
        }
    }

    /** The sidecar's content (without the parameter hash). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("architecture", architecture.id());
        m.put("channels", channels);
        m.put("height", height);
        m.put("width", width);
        m.put("num_classes", numClasses);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("regime", training.regime());
        t.put("epochs", training.epochs());
        t.put("batch_size", training.batchSize());
        t.put("learning_rate", training.learningRate());
        t.put("seed", training.seed());
        t.put("mode", training.mode().name().toLowerCase(java.util.Locale.ROOT));
        t.put("method", training.method().id());
        if (training.method() == TrainConfig.Method.TRADES) {
            t.put("trades_beta", training.tradesBeta());
        }
        List<Map<String, Object>> attacks = new ArrayList<>();
        for (Pgd p : training.attacks()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("norm", p.norm().id());
            a.put("eps", p.eps());
            a.put("steps", p.steps());
            a.put("step_size", p.stepSize());
            a.put("random_start", p.randomStart());
            a.put("restarts", p.restarts());
            a.put("loss", p.loss().id());
            a.put("l1_sparsity", p.l1Sparsity());
            attacks.add(a);
        }
        t.put("attacks", attacks);
        m.put("training", t);
        if (benchmark != null) {
            Map<String, Object> b = new LinkedHashMap<>(benchmark.toMap());
            b.put("seed", benchmarkSeed);
            b.put("train_size", trainSize);
            m.put("benchmark", b);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected an object, got " + o);
        }
        return (Map<String, Object>) o;
    }

    private static double num(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number (got " + o + ")");
        }
        return n.doubleValue();
    }

    private static long lnum(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number (got " + o + ")");
        }
        return n.longValue();
    }

    private static String str(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' must be a string (got " + o + ")");
        }
        return s;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
