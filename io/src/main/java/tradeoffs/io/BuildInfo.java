package tradeoffs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * What this build of {@code tradeoffs} is, as recorded when it was built (the resource
 * {@code tradeoffs/io/build.properties}, written by the io module's Maven build): its version, the
 * git commit of the checkout it was built from (empty when built without git or outside a
 * checkout), whether tracked files then had uncommitted changes, and the DJL and PyTorch artifact
 * versions the build put on the class path. Reading it loads no engine.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the full commit hash, or "" when unknown
 * @param dirty whether tracked files differed from that commit
 * @param djl the DJL version of the build
 * @param pytorch the PyTorch version of the build's native library
 * @param pytorchNative the native library's artifact ({@code pytorch-native-cpu}, {@code -cu124})
 */
public record BuildInfo(
        String version, String commit, boolean dirty, String djl, String pytorch, String pytorchNative) {
    /** The resource the build writes. */
    public static final String RESOURCE = "build.properties";

    private static final String UNKNOWN = "unknown";
    private static volatile BuildInfo current;

    /** This build's information (read once). */
    public static BuildInfo current() {
        BuildInfo b = current;
        if (b == null) {
            b = read();
            current = b;
        }
        return b;
    }

    static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build information " + RESOURCE, e);
        }
        return new BuildInfo(
                p.getProperty("version", UNKNOWN).trim(),
                p.getProperty("commit", "").trim(),
                Boolean.parseBoolean(p.getProperty("dirty", "false").trim()),
                p.getProperty("djl", UNKNOWN).trim(),
                p.getProperty("pytorch", UNKNOWN).trim(),
                p.getProperty("pytorch_native", UNKNOWN).trim());
    }

    /** Whether the commit is known. */
    public boolean fromGit() {
        return !commit.isEmpty();
    }

    /** The commit for people: the hash, "+ uncommitted changes" when dirty, or why it is unknown. */
    public String commitText() {
        if (!fromGit()) {
            return "unknown (not built from a git checkout)";
        }
        return commit + (dirty ? " + uncommitted changes" : "");
    }

    /** The Java runtime: version and vendor. */
    public static String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The operating system and architecture. */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** The lines of {@code tradeoffs --version}. */
    public String[] versionLines() {
        return new String[] {
            "tradeoffs " + version,
            "commit " + commitText(),
            String.format(Locale.ROOT, "DJL %s, PyTorch %s (%s)", djl, pytorch, pytorchNative),
            "Java " + java() + ", " + os()
        };
    }
}
