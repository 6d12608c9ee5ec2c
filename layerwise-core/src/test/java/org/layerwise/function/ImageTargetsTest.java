package org.layerwise.function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.InvalidInputException;

class ImageTargetsTest {

    @TempDir
    Path dir;

    /** 8-bit (R, G, B) of file pixel (column c, row r from the top) of the 3 x 2 test image. */
    private static int[] colour(int c, int r) {
        return new int[] {40 * c + 17, 100 * r + 3, 255 - 50 * c - 20 * r};
    }

    private static double rec709(int[] rgb) {
        return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, p.toFile()));
        return p;
    }

    @Test
    void luminanceAndOrientationOfA3x2Png() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                int[] rgb = colour(c, r);
                img.setRGB(c, r, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        PiecewiseConstantTarget t = Targets.image(write(img, "png", "tiny.png"));
        assertEquals(2, t.dim());
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertEquals("tiny.png", t.name());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double expected = rec709(colour(c, r));
                // y points up: file row r is grid row H-1-r = 1-r, covering x2 in [(1-r)/2, (2-r)/2).
                assertEquals(expected, t.cellValue(new int[] {c, 1 - r}), 1e-15);
                assertEquals(expected, t.value(new double[] {(c + 0.5) / 3, (1 - r + 0.5) / 2}), 1e-15);
                // Lower-left corner of the cell; nextUp because the double c/3 may lie just below c/3.
                assertEquals(expected, t.value(new double[] {Math.nextUp(c / 3.0), (1 - r) / 2.0}), 1e-15);
            }
        }
        // The corner cells: the origin is the bottom-left pixel, (1,1) the top-right one.
        assertEquals(rec709(colour(0, 1)), t.value(new double[] {0, 0}), 1e-15);
        assertEquals(rec709(colour(2, 0)), t.value(new double[] {1, 1}), 1e-15);
        assertEquals(rec709(colour(0, 0)), t.value(new double[] {Math.nextDown(1.0 / 3), 0.5}), 1e-15);
        // The double 1.0/3 is below 1/3, so it is still in column 0; the next double is in column 1.
        assertEquals(rec709(colour(0, 0)), t.value(new double[] {1.0 / 3, 0.5}), 1e-15);
        assertEquals(rec709(colour(1, 0)), t.value(new double[] {Math.nextUp(1.0 / 3), 0.5}), 1e-15);
        assertEquals(rec709(colour(0, 1)), t.value(new double[] {0, Math.nextDown(0.5)}), 1e-15);
    }

    @Test
    void whiteIsOneAndBlackIsZero() {
        assertEquals(1.0, ImageTargets.luminance(255, 255, 255), 0);
        assertEquals(0.0, ImageTargets.luminance(0, 0, 0), 0);
        assertEquals(0.7152, ImageTargets.luminance(0, 255, 0), 1e-15);
    }

    @Test
    void grayscaleSamplesAreUsedDirectly() throws IOException {
        BufferedImage g8 = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g8.getRaster().setSample(0, 0, 0, 128);
        g8.getRaster().setSample(1, 0, 0, 255);
        PiecewiseConstantTarget t = Targets.image(write(g8, "png", "gray8.png"));
        assertEquals(128 / 255.0, t.cellValue(new int[] {0, 0}), 0);
        assertEquals(1.0, t.cellValue(new int[] {1, 0}), 0);
        BufferedImage g16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 40000);
        PiecewiseConstantTarget t16 = Targets.image(write(g16, "png", "gray16.png"));
        assertEquals(40000 / 65535.0, t16.cellValue(new int[] {0, 0}), 0);
    }

    @Test
    void jpegIsRead() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                img.setRGB(c, r, 0x808080);
            }
        }
        PiecewiseConstantTarget t = Targets.image(write(img, "jpg", "grey.jpg"));
        assertArrayEquals(new int[] {8, 8}, t.shape());
        // JPEG is lossy; a flat grey survives to within a couple of levels.
        assertEquals(128 / 255.0, t.value(new double[] {0.5, 0.5}), 3 / 255.0);
    }

    @Test
    void missingUnreadableAndNonImageFilesAreNamed() throws IOException {
        Path missing = dir.resolve("nope.png");
        String m = assertThrows(InvalidInputException.class, () -> Targets.image(missing)).getMessage();
        assertEquals("image file '" + missing + "' does not exist or is not a regular file", m);
        Path text = dir.resolve("text.png");
        Files.writeString(text, "this is not a picture");
        m = assertThrows(InvalidInputException.class, () -> Targets.image(text)).getMessage();
        assertEquals("image file '" + text + "' is not an image javax.imageio can read (expected PNG or JPEG)", m);
        m = assertThrows(InvalidInputException.class, () -> Targets.image(dir)).getMessage();
        assertTrue(m.startsWith("image file '" + dir + "'"), m);
        // A PNG cut short after its header: recognised, but the pixels cannot be decoded.
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        byte[] full = Files.readAllBytes(write(img, "png", "full.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(full, 40));
        m = assertThrows(InvalidInputException.class, () -> Targets.image(cut)).getMessage();
        assertTrue(m.startsWith("image file '" + cut + "' cannot be read"), m);
    }

    @Test
    void tooManyPixelsIsRejectedFromTheHeader() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        byte[] png = Files.readAllBytes(write(img, "png", "one.png"));
        // Rewrite the IHDR chunk (bytes 8..32) to claim 10000 x 10000 pixels, with a valid CRC.
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 10_000).putInt(20, 10_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        Path big = dir.resolve("big.png");
        Files.write(big, png);
        String m = assertThrows(InvalidInputException.class, () -> Targets.image(big)).getMessage();
        assertEquals("image file '" + big + "' has 10000 x 10000 = 100000000 pixels, more than the limit 2^26 = "
                + (1L << 26), m);
    }
}
