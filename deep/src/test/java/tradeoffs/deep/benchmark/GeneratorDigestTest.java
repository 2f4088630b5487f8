package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The generator's images, masks, labels and background classes for fixed parameters are pinned by
 * SHA-256 digests, so that new knobs (and refactors) cannot change what existing parameters
 * produce. The digests were computed with the generator as it was before the background/object
 * scale-ratio knob was added (main at 7789a2a); a change here means every stored result on the
 * benchmark would no longer be reproducible. (The texture uses {@code Math.sin} and friends, which
 * HotSpot computes identically on every x86-64 machine we know of; another platform could differ in
 * the last bit and would show up here first.)
 */
class GeneratorDigestTest {

    static String digest(ShiftedBackgrounds b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, b.train(40));
            for (Variant v : Variant.values()) {
                update(md, b.test(v, 20));
            }
            update(md, b.generate(Split.GROUPS, Variant.ORIGINAL, 50));
            update(md, b.generate(Split.VAL, Variant.ORIGINAL, 10));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, ImageSet s) {
        ByteBuffer buf = ByteBuffer.allocate(4 * (s.pixels().length + s.foregroundMask().length + 2 * s.size()));
        for (float v : s.pixels()) {
            buf.putInt(Float.floatToIntBits(v));
        }
        for (float v : s.foregroundMask()) {
            buf.putInt(Float.floatToIntBits(v));
        }
        for (int y : s.labels()) {
            buf.putInt(y);
        }
        for (int bg : s.backgroundClass()) {
            buf.putInt(bg);
        }
        md.update(buf.array());
    }

    @Test
    void defaultBenchmarkIsByteIdentical() {
        assertEquals(
                "9d195d132f8b9ff8404cb360afc07f4fb86dfdcec77415049e575a6d1fcd6cc9",
                digest(new ShiftedBackgrounds(BenchmarkParams.defaults(), 1)));
    }

    @Test
    void otherParametersAreByteIdentical() {
        BenchmarkParams p = BenchmarkParams.defaults()
                .withClasses(3)
                .withImageSize(16)
                .withRho(0.5)
                .withContrasts(0.3, 0.8);
        assertEquals(
                "0e3616ed67c3b190173f3e7b732dcf8d0e8fe692ddbb99f4864c52755ee06694",
                digest(new ShiftedBackgrounds(p, 20220701)));
    }
}
