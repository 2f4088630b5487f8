package tradeoffs.deep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;

/** The ImageNet-9 and Waterbirds loaders on small files each test writes itself. */
class LoadersTest {

    /** A solid-colour w×h PNG. */
    private static void png(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void imageNet9VariantFolders(@TempDir Path root) throws IOException {
        // Two classes; class folders sorted by name give labels 0, 1.
        for (String v : new String[] {"original", "mixed_next"}) {
            png(root.resolve(v + "/val/00_dog/a.png"), 40, 30, 0xff0000);
            png(root.resolve(v + "/val/00_dog/b.JPEG"), 20, 20, 0x00ff00);
            png(root.resolve(v + "/val/01_bird/c.png"), 8, 8, 0x0000ff);
            Files.writeString(root.resolve(v + "/val/01_bird/notes.txt"), "ignored");
        }
        Map<Variant, ImageSet> all = ImageNet9.loadAll(root, 6, 10);
        assertEquals(2, all.size());
        ImageSet s = all.get(Variant.ORIGINAL);
        assertEquals(3, s.size());
        assertEquals(6, s.height());
        assertArrayEquals(new int[] {0, 0, 1}, s.labels());
        assertEquals(2, s.numClasses());
        // Solid colours survive resizing: image 0 is pure red, image 2 pure blue.
        int plane = 36;
        assertEquals(1f, s.pixels()[0], 1e-6);
        assertEquals(0f, s.pixels()[plane], 1e-6);
        assertEquals(1f, s.pixels()[2 * 108 + 2 * plane + 7], 1e-6);
        assertArrayEquals(new int[] {1, 1, 0}, all.get(Variant.MIXED_NEXT).backgroundClass());
        assertEquals(1, ImageNet9.load(root, Variant.ORIGINAL, 6, 1).labels()[1], "one image per class");
    }

    @Test
    void imageNet9CorruptImageNamesTheFile(@TempDir Path root) throws IOException {
        png(root.resolve("original/val/00_dog/a.png"), 4, 4, 0);
        Path bad = root.resolve("original/val/01_cat/b.png");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        String m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.load(root, Variant.ORIGINAL, 4, 5))
                .getMessage();
        assertTrue(m.contains(bad.toString()), m);
        m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.load(root, Variant.NO_FG, 4, 5))
                .getMessage();
        assertTrue(m.contains("no_fg") && m.contains("does not exist"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.loadAll(root.resolve("none"), 4, 5))
                .getMessage();
        assertTrue(m.contains("does not exist"), m);
    }

    @Test
    void waterbirdsMetadata(@TempDir Path root) throws IOException {
        png(root.resolve("001.Bird/a.jpg"), 10, 10, 0xffffff);
        png(root.resolve("001.Bird/b.jpg"), 10, 10, 0x000000);
        png(root.resolve("002.Duck/c.jpg"), 10, 10, 0x808080);
        Files.writeString(
                root.resolve("metadata.csv"),
                "img_id,img_filename,y,split,place,place_filename\n"
                        + "1,001.Bird/a.jpg,0,2,1,x\n"
                        + "2,001.Bird/b.jpg,0,0,0,x\n"
                        + "3,002.Duck/c.jpg,1,2,0,x\n");
        ImageSet test = Waterbirds.load(root, "test", 4, 100);
        assertEquals(2, test.size());
        assertArrayEquals(new int[] {0, 1}, test.labels());
        assertArrayEquals(new int[] {1, 0}, test.backgroundClass());
        assertEquals(1f, test.pixels()[0], 1e-6);
        assertEquals(1, Waterbirds.load(root, "train", 4, 100).size());
        assertEquals(1, Waterbirds.load(root, "test", 4, 1).size());
    }

    @Test
    void waterbirdsBadMetadataIsAClearError(@TempDir Path root) throws IOException {
        String m = assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, "test", 4, 10))
                .getMessage();
        assertTrue(m.contains("metadata.csv") && m.contains("does not exist"), m);
        Files.writeString(root.resolve("metadata.csv"), "img_filename,y,split\nx.jpg,0,2\n");
        m = assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, "test", 4, 10))
                .getMessage();
        assertTrue(m.contains("no column 'place'"), m);
        Files.writeString(root.resolve("metadata.csv"), "img_filename,y,split,place\nmissing.jpg,0,2,1\n");
        m = assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, "test", 4, 10))
                .getMessage();
        assertTrue(m.contains("missing.jpg") && m.contains("does not exist"), m);
        Files.writeString(root.resolve("metadata.csv"), "img_filename,y,split,place\nx.jpg,bird,2,1\n");
        m = assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, "test", 4, 10))
                .getMessage();
        assertTrue(m.contains("row 2") && m.contains("'y'"), m);
        assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, "dev", 4, 10));
    }
}
