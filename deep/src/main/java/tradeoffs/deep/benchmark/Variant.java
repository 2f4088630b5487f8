package tradeoffs.deep.benchmark;

import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * The test variants of the backgrounds challenge (ImageNet-9, Xiao et al. 2020),
 * as the shifted-backgrounds generator renders them. Each variant of image i keeps image i's
 * object (same shape, pose and position); only what is around or in place of it changes.
 */
public enum Variant {
    /** Object on its own background, drawn with the training correlation ρ. */
    ORIGINAL,
    /** Object on a black background. */
    ONLY_FG,
    /** Background with the object's silhouette blacked out. */
    NO_FG,
    /** Background with the object's bounding box blacked out. */
    ONLY_BG_B,
    /** Background with the object's bounding box filled with background (no object at all). */
    ONLY_BG_T,
    /** Object on a new background of its own class's type. */
    MIXED_SAME,
    /** Object on a new background of a uniformly random class's type. */
    MIXED_RAND,
    /** Object on a new background of the next class's type, (y + 1) mod K. */
    MIXED_NEXT;

    /** The ImageNet-9 spelling, e.g. {@code mixed_rand}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the image shows the object (so the foreground mask is non-empty). */
    public boolean hasForeground() {
        return this != NO_FG && this != ONLY_BG_B && this != ONLY_BG_T;
    }

    /** Parses the ImageNet-9 spelling ({@code only_bg_t}), case-insensitive, '-' allowed for '_'. */
    public static Variant parse(String s) {
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Variant v : values()) {
            if (v.name().equals(key)) {
                return v;
            }
        }
        throw new ParameterException(
                "variant",
                "must be one of original, only_fg, no_fg, only_bg_b, "
                        + "only_bg_t, mixed_same, mixed_rand, mixed_next",
                "'" + s + "'");
    }
}
