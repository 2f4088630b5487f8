package tradeoffs.deep.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N images, channels-first, values in [0,1], with their labels and, where known, which pixels are
 * foreground and which class's background type each image carries.
 *
 * <p>For speed the arrays are taken as they are, not copied (a training set holds tens of millions
 * of floats): the set owns them and nobody may modify them afterwards. Methods that change pixels
 * ({@link #withPixels}) return a new set.
 *
 * @param name            what the set is, e.g. {@code "test/mixed_rand"}
 * @param channels        C, &gt; 0
 * @param height          H, &gt; 0
 * @param width           W, &gt; 0
 * @param pixels          N·C·H·W values in [0,1], row-major {@code [n][c][y][x]}
 * @param labels          N labels in [0, numClasses)
 * @param numClasses      number of classes, &ge; 1
 * @param foregroundMask  N·H·W values in [0,1] (1 = foreground pixel, 0 = background); null when unknown
 * @param backgroundClass N values in [-1, numClasses): the class whose background type the image has,
 *                        -1 when unknown or when the image has no background; null when unknown for all
 */
public record ImageSet(
        String name,
        int channels,
        int height,
        int width,
        float[] pixels,
        int[] labels,
        int numClasses,
        float[] foregroundMask,
        int[] backgroundClass) {

    /** Validates shapes and ranges; messages name the component and the allowed range. */
    public ImageSet {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "channels, height and width must be > 0 (got " + channels + "x" + height + "x" + width + ")");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1 (got " + numClasses + ")");
        }
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null");
        }
        int n = labels.length;
        long perImage = (long) channels * height * width;
        if (pixels.length != n * perImage) {
            throw new IllegalArgumentException("pixels must have N*C*H*W = " + n + "*" + perImage + " = "
                    + (n * perImage) + " values (got " + pixels.length + ")");
        }
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("pixels must be in [0,1] (got " + v + " at index " + i + ")");
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "labels must be in [0," + numClasses + ") (got " + labels[i] + " for image " + i + ")");
            }
        }
        if (foregroundMask != null) {
            if (foregroundMask.length != (long) n * height * width) {
                throw new IllegalArgumentException("foregroundMask must have N*H*W = " + ((long) n * height * width)
                        + " values (got " + foregroundMask.length + ")");
            }
            for (int i = 0; i < foregroundMask.length; i++) {
                float v = foregroundMask[i];
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException(
                            "foregroundMask must be in [0,1] (got " + v + " at index " + i + ")");
                }
            }
        }
        if (backgroundClass != null) {
            if (backgroundClass.length != n) {
                throw new IllegalArgumentException(
                        "backgroundClass must have N = " + n + " values (got " + backgroundClass.length + ")");
            }
            for (int i = 0; i < n; i++) {
                if (backgroundClass[i] < -1 || backgroundClass[i] >= numClasses) {
                    throw new IllegalArgumentException("backgroundClass must be in [-1," + numClasses + ") (got "
                            + backgroundClass[i] + " for image " + i + ")");
                }
            }
        }
    }

    /** N, the number of images. */
    public int size() {
        return labels.length;
    }

    /** C·H·W, the number of values per image. */
    public int imageLength() {
        return channels * height * width;
    }

    /** H·W, the number of mask values per image. */
    public int maskLength() {
        return height * width;
    }

    /** The shape of one image, {C, H, W}. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** A copy of image {@code i}'s C·H·W values. */
    public float[] image(int i) {
        checkIndex(i);
        int len = imageLength();
        return Arrays.copyOfRange(pixels, i * len, (i + 1) * len);
    }

    /** A copy of image {@code i}'s H·W mask values, or null when the mask is unknown. */
    public float[] mask(int i) {
        checkIndex(i);
        if (foregroundMask == null) {
            return null;
        }
        int len = maskLength();
        return Arrays.copyOfRange(foregroundMask, i * len, (i + 1) * len);
    }

    /** Image {@code i}'s background class, -1 when unknown. */
    public int background(int i) {
        checkIndex(i);
        return backgroundClass == null ? -1 : backgroundClass[i];
    }

    /** True when every image has a known background class (needed for group metrics). */
    public boolean hasBackgroundClasses() {
        if (backgroundClass == null) {
            return false;
        }
        for (int b : backgroundClass) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The images at {@code idx}, in that order (indices may repeat). */
    public ImageSet subset(int[] idx) {
        int len = imageLength();
        int mlen = maskLength();
        float[] p = new float[idx.length * len];
        int[] l = new int[idx.length];
        float[] m = foregroundMask == null ? null : new float[idx.length * mlen];
        int[] b = backgroundClass == null ? null : new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            checkIndex(i);
            System.arraycopy(pixels, i * len, p, k * len, len);
            l[k] = labels[i];
            if (m != null) {
                System.arraycopy(foregroundMask, i * mlen, m, k * mlen, mlen);
            }
            if (b != null) {
                b[k] = backgroundClass[i];
            }
        }
        return new ImageSet(name, channels, height, width, p, l, numClasses, m, b);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive): one batch. */
    public ImageSet slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("slice [" + from + "," + to + ") out of range [0," + size() + "]");
        }
        int len = imageLength();
        int mlen = maskLength();
        return new ImageSet(
                name,
                channels,
                height,
                width,
                Arrays.copyOfRange(pixels, from * len, to * len),
                Arrays.copyOfRange(labels, from, to),
                numClasses,
                foregroundMask == null ? null : Arrays.copyOfRange(foregroundMask, from * mlen, to * mlen),
                backgroundClass == null ? null : Arrays.copyOfRange(backgroundClass, from, to));
    }

    /** Consecutive batches of at most {@code batchSize} images, covering the set in order. */
    public List<ImageSet> batches(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0 (got " + batchSize + ")");
        }
        List<ImageSet> out = new ArrayList<>();
        for (int from = 0; from < size(); from += batchSize) {
            out.add(slice(from, Math.min(size(), from + batchSize)));
        }
        return out;
    }

    /** The same images with other pixel values (e.g. after noise); labels, masks and backgrounds kept. */
    public ImageSet withPixels(String newName, float[] newPixels) {
        return new ImageSet(
                newName, channels, height, width, newPixels, labels, numClasses, foregroundMask, backgroundClass);
    }

    /** The same set under another name. */
    public ImageSet withName(String newName) {
        return new ImageSet(
                newName, channels, height, width, pixels, labels, numClasses, foregroundMask, backgroundClass);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("image " + i + " out of range [0," + size() + ")");
        }
    }

    @Override
    public String toString() {
        return "ImageSet[" + name + ", " + size() + " x " + channels + "x" + height + "x" + width + ", " + numClasses
                + " classes" + (foregroundMask == null ? "" : ", masks") + "]";
    }
}
