package org.layerwise.report;

import java.awt.Graphics2D;

/**
 * One picture of the report, drawn by a painter onto any {@link Graphics2D} (a bitmap for PNG, a vector
 * recorder for SVG), so both formats show exactly the same drawing.
 *
 * @param name    file stem, e.g. {@code "error-vs-level"} (files {@code name.png} and {@code name.svg})
 * @param title   the heading shown above the figure in the report
 * @param caption one or two sentences under the figure (plain text, escaped when rendered)
 * @param width   width in pixels
 * @param height  height in pixels
 * @param painter draws the figure into {@code [0,width) x [0,height)}
 */
public record Figure(String name, String title, String caption, int width, int height, Painter painter) {

    /** Draws a figure of the given size. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    public Figure {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("figure name must be lower-case letters, digits and '-', got '"
                    + name + "'");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("figure " + name + " has size " + width + "x" + height);
        }
    }
}
