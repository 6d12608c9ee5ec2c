package org.layerwise.report;

/**
 * How the report is drawn.
 *
 * @param heatMapResolution samples per axis for the 2-D heat maps (a {@code r x r} grid of cell midpoints)
 * @param lineResolution    samples for the 1-D plot (midpoints of {@code r} equal intervals)
 * @param chartWidth        width in pixels of the line charts
 * @param chartHeight       height in pixels of the line charts
 * @param panelSize         side in pixels of one heat-map panel
 * @param timestamp         text shown as the generation time, or null for none (the default, so the same
 *                          inputs give byte-identical files)
 */
public record ReportOptions(int heatMapResolution, int lineResolution, int chartWidth, int chartHeight,
                           int panelSize, String timestamp) {

    public ReportOptions {
        check("heat-map resolution", heatMapResolution, 2, 1024);
        check("line resolution", lineResolution, 2, 1 << 16);
        check("chart width", chartWidth, 200, 4000);
        check("chart height", chartHeight, 150, 4000);
        check("panel size", panelSize, 32, 1024);
    }

    /** 64 x 64 heat maps, 512 line samples, 760 x 440 charts, 176-pixel panels, no timestamp. */
    public static ReportOptions defaults() {
        return new ReportOptions(64, 512, 760, 440, 176, null);
    }

    /**
     * Points the report samples for a target of dimension {@code dim}.
     *
     * @param dim the dimension
     * @return {@code r} (d = 1), {@code r^2} (d = 2), {@code 3 r^2} (d = 3: three slices), else 0
     */
    public long samplePoints(int dim) {
        return switch (dim) {
            case 1 -> lineResolution;
            case 2 -> (long) heatMapResolution * heatMapResolution;
            case 3 -> (long) Samples.slicePositions(heatMapResolution).length * heatMapResolution * heatMapResolution;
            default -> 0;
        };
    }

    public ReportOptions withHeatMapResolution(int r) {
        return new ReportOptions(r, lineResolution, chartWidth, chartHeight, panelSize, timestamp);
    }

    public ReportOptions withLineResolution(int r) {
        return new ReportOptions(heatMapResolution, r, chartWidth, chartHeight, panelSize, timestamp);
    }

    public ReportOptions withChartSize(int width, int height) {
        return new ReportOptions(heatMapResolution, lineResolution, width, height, panelSize, timestamp);
    }

    public ReportOptions withTimestamp(String text) {
        return new ReportOptions(heatMapResolution, lineResolution, chartWidth, chartHeight, panelSize, text);
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
