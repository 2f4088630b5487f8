import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the tiny ImageNet-9 and Waterbirds fixtures of tradeoffs.deep.data.RealLayoutsTest and the
 * deep eval command tests, in exactly the layouts of the originals. Run from this folder with
 *
 *     java MakeDataFixtures.java .
 *
 * (Java 17's single-file launcher; nothing else needed). Every image is a solid 8x8 JPEG whose
 * colour encodes the prediction a test model makes for it: the colours are the prototypes of
 * ../model/torchscript/in1k_prototypes.pt (nearest mean colour), whose ImageNet classes map to
 * these ImageNet-9 super-classes:
 *
 *   yellow dog 0, green bird 1, grey wheeled vehicle 2, red reptile 3, orange carnivore 4,
 *   magenta insect 5, white musical instrument 6, cyan primate 7, blue fish 8, black none.
 *
 * in9/<variant>/val/<class>/{a,b}.JPEG for the eight variants and the nine class folders of the
 * backgrounds challenge; in9/fg_mask/val/<class>/a.npy (a bool 8x8 NumPy array, 1 on the left half)
 * for image a of every class only, so RFS is measured on those nine. Which images are painted the
 * right class (R) or a wrong one:
 *
 *   original    a R, b R for even classes, wrong (next class) for odd     -> 14/18
 *   only_fg     a R, b wrong                                              ->  9/18
 *   no_fg       a, b wrong                                                ->  0/18
 *   only_bg_b   a R for classes 0-2                                       ->  3/18
 *   only_bg_t   a R for classes 0-5                                       ->  6/18
 *   mixed_same  a R, b R                                                  -> 18/18
 *   mixed_rand  a R, b black (no class)                                   ->  9/18
 *   mixed_next  a, b black                                                ->  0/18
 *
 * These counts are also in in9_hand_counts.csv (variant, correct, images), which the tests read.
 *
 * waterbirds/metadata.csv (with a UTF-8 byte-order mark, as spreadsheet exports write it; columns
 * img_id,img_filename,y,split,place,place_filename) and its images: yellow = landbird (0), blue =
 * waterbird (1), green = neither; test split (split 2) by group (y, place):
 *
 *   (0,0) yellow x3 -> 3/3;  (0,1) yellow, blue -> 1/2;  (1,0) blue, yellow, yellow, green -> 1/4;
 *   (1,1) blue, blue, green -> 2/3;  plus two training rows and one validation row.
 */
public final class MakeDataFixtures {
    static final String[] CLASSES = {"00_dog", "01_bird", "02_wheeled vehicle", "03_reptile", "04_carnivore",
        "05_insect", "06_musical instrument", "07_primate", "08_fish"};
    static final int[][] COLOUR = {{255, 255, 0}, {0, 255, 0}, {128, 128, 128}, {255, 0, 0}, {255, 128, 0},
        {255, 0, 255}, {255, 255, 255}, {0, 255, 255}, {0, 0, 255}};
    static final int[] BLACK = {0, 0, 0};
    static final int SIZE = 8;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        imageNet9(out.resolve("in9"));
        waterbirds(out.resolve("waterbirds"));
    }

    static void imageNet9(Path root) throws IOException {
        String[] variants = {"original", "only_fg", "no_fg", "only_bg_b", "only_bg_t", "mixed_same", "mixed_rand",
            "mixed_next"};
        for (String v : variants) {
            for (int c = 0; c < 9; c++) {
                int[] wrong = COLOUR[(c + 1) % 9];
                int[] right = COLOUR[c];
                int[] a;
                int[] b;
                switch (v) {
                    case "original" -> { a = right; b = c % 2 == 0 ? right : wrong; }
                    case "only_fg" -> { a = right; b = wrong; }
                    case "no_fg" -> { a = wrong; b = wrong; }
                    case "only_bg_b" -> { a = c < 3 ? right : wrong; b = wrong; }
                    case "only_bg_t" -> { a = c < 6 ? right : wrong; b = wrong; }
                    case "mixed_same" -> { a = right; b = right; }
                    case "mixed_rand" -> { a = right; b = BLACK; }
                    default -> { a = BLACK; b = BLACK; }
                }
                Path dir = root.resolve(v).resolve("val").resolve(CLASSES[c]);
                jpeg(dir.resolve("a.JPEG"), a);
                jpeg(dir.resolve("b.JPEG"), b);
            }
        }
        for (int c = 0; c < 9; c++) {
            Path dir = Files.createDirectories(root.resolve("fg_mask").resolve("val").resolve(CLASSES[c]));
            Files.write(dir.resolve("a.npy"), leftHalfMask());
        }
    }

    static void waterbirds(Path root) throws IOException {
        int[] land = COLOUR[0];
        int[] water = COLOUR[8];
        int[] neither = COLOUR[1];
        Object[][] rows = {
            // folder/file, y, split, place, colour
            {"001.Black_footed_Albatross/t1.jpg", 1, 0, 1, water},
            {"002.Laysan_Albatross/t2.jpg", 0, 0, 0, land},
            {"003.Sooty_Albatross/v1.jpg", 1, 1, 0, water},
            {"010.Red_winged_Blackbird/a1.jpg", 0, 2, 0, land},
            {"010.Red_winged_Blackbird/a2.jpg", 0, 2, 0, land},
            {"011.Rusty_Blackbird/a3.jpg", 0, 2, 0, land},
            {"011.Rusty_Blackbird/b1.jpg", 0, 2, 1, land},
            {"012.Yellow_headed_Blackbird/b2.jpg", 0, 2, 1, water},
            {"045.Northern_Fulmar/c1.jpg", 1, 2, 0, water},
            {"045.Northern_Fulmar/c2.jpg", 1, 2, 0, land},
            {"046.Gadwall/c3.jpg", 1, 2, 0, land},
            {"046.Gadwall/c4.jpg", 1, 2, 0, neither},
            {"050.Eared_Grebe/d1.jpg", 1, 2, 1, water},
            {"050.Eared_Grebe/d2.jpg", 1, 2, 1, water},
            {"051.Horned_Grebe/d3.jpg", 1, 2, 1, neither},
        };
        StringBuilder csv = new StringBuilder("\uFEFFimg_id,img_filename,y,split,place,place_filename\n");
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            jpeg(root.resolve((String) r[0]), (int[]) r[4]);
            csv.append(i + 1).append(',').append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',')
                    .append(r[3]).append(",/b/bamboo_forest/00000").append(i).append(".jpg\n");
        }
        Files.writeString(root.resolve("metadata.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    static void jpeg(Path file, int[] rgb) throws IOException {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, "jpeg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** A NumPy 1.0 file of an 8x8 bool array, True on the left half (columns 0-3). */
    static byte[] leftHalfMask() throws IOException {
        String header = "{'descr': '|b1', 'fortran_order': False, 'shape': (8, 8), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(pad)).append('\n');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = h.length();
        b.write(len & 0xff);
        b.write(len >> 8);
        b.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                b.write(x < SIZE / 2 ? 1 : 0);
            }
        }
        return b.toByteArray();
    }
}
