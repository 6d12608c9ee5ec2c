package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaletteAndHtmlTest {

    private static double luma(int argb) {
        return 0.2126 * ((argb >> 16) & 0xff) + 0.7152 * ((argb >> 8) & 0xff) + 0.0722 * (argb & 0xff);
    }

    @Test
    void paletteLightnessIncreasesWithTheValue() {
        // Strictly at steps of 1/32; at steps of 1/256 up to the rounding of a channel to 8 bits.
        double prev = -1;
        for (int k = 0; k <= 32; k++) {
            double l = luma(Palette.argb(k / 32.0));
            assertTrue(l > prev + 1, "lightness not increasing at t = " + k / 32.0);
            prev = l;
        }
        prev = -1;
        for (int k = 0; k <= 256; k++) {
            double l = luma(Palette.argb(k / 256.0));
            assertTrue(l > prev - 0.5, "lightness falls at t = " + k / 256.0);
            prev = l;
        }
    }

    @Test
    void paletteClampsAndMarksNaN() {
        assertEquals(Palette.argb(0), Palette.argb(-3));
        assertEquals(Palette.argb(1), Palette.argb(7));
        int nan = Palette.argb(Double.NaN);
        for (int k = 0; k <= 100; k++) {
            assertNotEquals(nan, Palette.argb(k / 100.0));
        }
        assertEquals(0xFF, Palette.argb(0.3) >>> 24, "opaque");
    }

    @Test
    void escapeNeutralisesMarkupAndControlCharacters() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&</a>"));
        assertEquals("a\uFFFDb\tc\nd", Html.escape("a\u0000b\tc\nd"));
        assertEquals("", Html.escape(null));
        assertEquals("x\u00b2 + \u03c0", Html.escape("x\u00b2 + \u03c0"));
    }

    @Test
    void subscriptsOfLevels() {
        assertEquals("\u03a6\u2081\u2082", Labels.readout(true, 12));
        assertEquals("A\u2083f", Labels.readout(false, 3));
    }

    @Test
    void progressIsSilentWhenQuietOrWithoutConsole() {
        assertEquals(Progress.SILENT, Progress.console("x", 10, true));
        if (System.console() == null) {
            assertEquals(Progress.SILENT, Progress.console("x", 10, false));
        }
    }
}
