package tradeoffs.deep.data;

import java.util.Locale;
import tradeoffs.theory.ParameterException;

/** Which data a model is evaluated on. */
public enum DatasetKind {
    /** The shifted-backgrounds benchmark, generated (docs/deep-benchmark.md). */
    GENERATED,
    /** The backgrounds challenge's ImageNet-9 folders ({@link ImageNet9}). */
    IMAGENET9,
    /** Waterbirds' metadata.csv and images ({@link Waterbirds}). */
    WATERBIRDS;

    /** {@code generated}, {@code imagenet9} or {@code waterbirds}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an {@link #id()}, case-insensitive; else ParameterException on {@code dataset}. */
    public static DatasetKind parse(String s) {
        for (DatasetKind k : values()) {
            if (k.id().equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new ParameterException("dataset", "must be one of generated, imagenet9, waterbirds", "'" + s + "'");
    }
}
