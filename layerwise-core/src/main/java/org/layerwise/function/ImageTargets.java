package org.layerwise.function;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.layerwise.InvalidInputException;

/**
 * Reads an image (PNG, JPEG, or any other format {@code javax.imageio} reads) as a 2-D piecewise-constant target.
 *
 * <p><b>Values.</b> The luminance in {@code [0,1]}: for a grayscale image the gray sample divided by its maximum
 * ({@code 255} for 8 bits, {@code 65535} for 16); otherwise the Rec. 709 weights on the 8-bit sRGB values,
 * {@code (0.2126 R + 0.7152 G + 0.0722 B) / 255}. Alpha is ignored.
 *
 * <p><b>Orientation.</b> {@code x1} points right and {@code x2} points <em>up</em>, as in a plot: a
 * {@code W x H} image has shape {@code {W, H}}, and the pixel in column {@code c} (from the left) and file row
 * {@code r} (from the top, as images are stored) is grid cell {@code (c, H-1-r)}, i.e. it covers
 * {@code [c/W, (c+1)/W) x [(H-1-r)/H, (H-r)/H)}. So grid cell {@code (0,0)} at the origin is the bottom-left pixel.
 *
 * <p>At most {@link TabulatedTarget#MAX_CELLS} = 2^26 pixels.
 */
public final class ImageTargets {

    private ImageTargets() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InvalidInputException naming the file when it is missing, unreadable, not an image, or too large
     */
    public static TabulatedTarget read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("image file '" + file + "' does not exist or is not a regular file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InvalidInputException("image file '" + file + "' cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("image file '" + file + "' is not an image javax.imageio can read"
                        + " (expected PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > TabulatedTarget.MAX_CELLS) {
                    throw new InvalidInputException("image file '" + file + "' has " + w + " x " + h + " = "
                            + (long) w * h + " pixels, more than the limit 2^26 = " + TabulatedTarget.MAX_CELLS);
                }
                BufferedImage image = reader.read(0);
                return new TabulatedTarget(file.getFileName().toString(), new int[] {w, h}, luminance(image));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw new InvalidInputException("image file '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** Luminance per grid cell, in the order {@code c + W * (H-1-r)} (bottom row first). */
    static double[] luminance(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] out = new double[w * h];
        ColorModel cm = image.getColorModel();
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
        Raster raster = image.getRaster();
        int[] rgb = new int[w];
        for (int r = 0; r < h; r++) {
            int base = w * (h - 1 - r);
            if (gray) {
                // Read the gray samples directly: getRGB would pass them through a gamma conversion.
                double max = (1L << cm.getComponentSize(0)) - 1.0;
                for (int c = 0; c < w; c++) {
                    out[base + c] = raster.getSample(c, r, 0) / max;
                }
            } else {
                image.getRGB(0, r, w, 1, rgb, 0, w);
                for (int c = 0; c < w; c++) {
                    int p = rgb[c];
                    out[base + c] = luminance((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
                }
            }
        }
        return out;
    }

    /** Rec. 709 luminance of 8-bit sRGB values, in {@code [0,1]}. */
    public static double luminance(int red, int green, int blue) {
        // Integer numerator, one rounding: white is exactly 1 and every value is correctly rounded.
        return (2126 * red + 7152 * green + 722 * blue) / 2_550_000.0;
    }
}
