package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.layerwise.construct.ConstructionReport;

class ReadingTest {

    private static String all(ConstructionReport r) {
        return String.join("\n", Reading.sentences(r));
    }

    @Test
    void geometricMeanOfSuccessiveRatios() {
        // errors 1, 1/2, 1/8: ratios 2 and 4, geometric mean sqrt(8) = 2.83.
        double[] e = {1, 0.5, 0.125};
        String text = all(Fixtures.report("t", 1, 2, 2, false, l -> e[(int) l]));
        assertTrue(text.contains("divides the cell-mean error by about 2.83 (geometric mean of 2 successive ratios, "
                + "which range from 2.00 to 4.00)"), text);
    }

    /** The factor quoted is the one the deeper levels shown divide by, not a mean dragged down by coarse levels. */
    @Test
    void quotedRatioIsTheOneOfTheDeeperLevels() {
        double[] e = new double[12];
        e[0] = 1;
        for (int l = 1; l < 12; l++) {
            e[l] = e[l - 1] / (l <= 3 ? 1.2 : 2.0);
        }
        String text = all(Fixtures.report("t", 1, 2, 11, false, l -> e[(int) l]));
        assertTrue(text.contains("From level 5 to level 11, each level divides the cell-mean error by about 2.00 "
                + "(successive ratios 2.00 to 2.00; over all levels 0 to 11 the geometric mean is "), text);
        assertTrue(text.contains("Every number here is an estimate"), text);
    }

    @Test
    void boundHoldsWithTheLargestConstant() {
        // error 0.3 N^-l against omega N^-l: constant 0.30 at every level, bound allows 2d+1 = 5.
        String text = all(Fixtures.geometric(2, 2, 3, true));
        assertTrue(text.contains("= 5 \u03c9 holds at every level, with achieved constant (error / \u03c9) at most 0.30"),
                text);
        assertTrue(text.contains("network error"), text);
        assertTrue(text.contains("reproduce the cell means"), text);
    }

    @Test
    void boundViolationIsReportedHonestly() {
        // level 2: error 8 * 0.8 * 3^-2 against bound 5 * 3^-2.
        ConstructionReport r = Fixtures.report("t", 2, 3, 3, false, l -> 0.8 * Math.pow(3, -l) * (l == 2 ? 8 : 1));
        String text = all(r);
        assertTrue(text.contains("does NOT hold at level 2 (error"), text);
        assertFalse(text.contains("holds at every level"), text);
        assertTrue(text.contains("exceeds the a-priori rate line"), text);
    }

    @Test
    void zeroErrorsAreNamed() {
        List<String> s = Reading.sentences(Fixtures.report("t", 1, 2, 3, true, l -> l >= 2 ? 0 : 0.1));
        assertTrue(String.join(" ", s).contains("exactly 0 at levels 2, 3"));
    }

    @Test
    void networkThatMissesTheCellMeansIsReported() {
        ConstructionReport base = Fixtures.geometric(1, 2, 2, true);
        var rows = new java.util.ArrayList<org.layerwise.construct.LevelReport>();
        for (var row : base.rows()) {
            var net = new org.layerwise.measure.ErrorEstimate(row.meanError().value() * 1.5, 0, "exact", 1);
            rows.add(new org.layerwise.construct.LevelReport(row.level(), row.cells(), row.headLayer(), row.depth(),
                    row.bits(), net, row.meanError(), row.omega(), row.bound(), row.constant()));
        }
        ConstructionReport r = new ConstructionReport("t", base.regularity(), 1, 2, 2, base.p(), true, 64, "narrow",
                base.width(), base.depth(), base.paperWidth(), 1, 1, 1, rows);
        assertTrue(all(r).contains("does not reproduce the cell means"));
    }

    @Test
    void differenceWithinSamplingNoiseIsNotBlamedOnTheReadout() {
        ConstructionReport base = Fixtures.geometric(1, 2, 2, true);
        for (double factor : new double[] {2, 4}) {
            var rows = new java.util.ArrayList<org.layerwise.construct.LevelReport>();
            for (var row : base.rows()) {
                // network error 1% off the mean error, with standard error 1% / factor: within 3 se only for factor 2
                double m = row.meanError().value();
                var net = new org.layerwise.measure.ErrorEstimate(m * 1.01, m * 0.01 / factor, "QMC", 1);
                rows.add(new org.layerwise.construct.LevelReport(row.level(), row.cells(), row.headLayer(),
                        row.depth(), row.bits(), net, row.meanError(), row.omega(), row.bound(), row.constant()));
            }
            ConstructionReport r = new ConstructionReport("t", base.regularity(), 1, 2, 2, base.p(), true, 64,
                    "narrow", base.width(), base.depth(), base.paperWidth(), 1, 1, 1, rows);
            String text = all(r);
            assertEquals(factor == 2, text.contains("agree within the sampling noise"), text);
            assertEquals(factor == 4, text.contains("more than the sampling noise suggests"), text);
            // a randomized estimate alone never convicts the readout
            assertFalse(text.contains("does not reproduce the cell means"), text);
        }
    }
}
