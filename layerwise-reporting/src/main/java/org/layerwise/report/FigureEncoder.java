package org.layerwise.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * Encodes a {@link Figure} as PNG (a {@code width x height} RGB bitmap, ImageIO's writer: no time or
 * other metadata chunk) or as SVG (VectorGraphics2D; XChart draws its text as glyph outlines, the heat-map
 * painter as SVG text in the sans-serif font). Both encodings are deterministic: the same figure gives the same bytes. The only
 * identifiers VectorGraphics2D writes are clip-path ids derived from the clip shape, not from time or
 * memory; {@link #inlineSvg} renames them with a prefix so several SVGs can share one HTML page.
 */
public final class FigureEncoder {

    private FigureEncoder() {
    }

    /** PNG bytes of the figure on a white background. */
    public static byte[] png(Figure figure) {
        BufferedImage img = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, figure.width(), figure.height());
            figure.painter().paint(g, figure.width(), figure.height());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + figure.name() + ".png", e);
        }
        return out.toByteArray();
    }

    /** A standalone SVG document (UTF-8) of the figure. */
    public static byte[] svg(Figure figure) {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, figure.width(), figure.height());
        figure.painter().paint(g, figure.width(), figure.height());
        g.dispose();
        PageSize page = new PageSize(0, 0, figure.width(), figure.height());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), page).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + figure.name() + ".svg", e);
        }
        return out.toByteArray();
    }

    /**
     * The SVG of a standalone document made fit to paste into HTML: the XML declaration and DOCTYPE removed,
     * every {@code id} and {@code url(#..)} / {@code href="#.."} reference prefixed with {@code idPrefix}
     * (VectorGraphics2D's clip ids repeat between figures), and a {@code role="img"} with an accessible label.
     */
    public static String inlineSvg(byte[] svgDocument, String idPrefix, String label) {
        String s = new String(svgDocument, StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document");
        }
        s = s.substring(start);
        s = s.replace(" id=\"", " id=\"" + idPrefix)
                .replace("url(#", "url(#" + idPrefix)
                .replace("href=\"#", "href=\"#" + idPrefix);
        return ("<svg role=\"img\" aria-label=\"" + Html.escape(label) + "\" " + s.substring("<svg ".length())).strip();
    }
}
