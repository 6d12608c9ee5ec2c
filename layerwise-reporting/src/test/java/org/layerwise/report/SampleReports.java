package org.layerwise.report;

import java.nio.file.Path;

import org.layerwise.construct.ConstructionReport;

/**
 * Writes sample reports from synthetic inputs, for looking at them (see {@code scripts/render-report.sh}):
 * {@code DIR/construct-2d}, {@code DIR/construct-1d} and {@code DIR/measure-2d}. Not a test.
 */
public final class SampleReports {

    private SampleReports() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/sample-reports");
        ReportOptions opts = ReportOptions.defaults();
        ConstructionReport twoD = Fixtures.report("(sin(2*pi*x1)+1.5*x1) * (sin(2*pi*x2)+1.5*x2) <&>", 2, 2, 5, true,
                l -> 0.9 * Math.pow(2, -l) * (1 + 0.1 * l));
        System.out.println(HtmlReport.write(dir.resolve("construct-2d"), twoD, Fixtures.sampler(2, 2, 5), opts));
        ConstructionReport oneD = Fixtures.report("sin(2*pi*x)+1.5*x", 1, 3, 3, true,
                l -> l == 3 ? 0 : 0.5 * Math.pow(3, -l));
        System.out.println(HtmlReport.write(dir.resolve("construct-1d"), oneD, Fixtures.sampler(1, 3, 3), opts));
        ConstructionReport measure = Fixtures.report("measured target", 2, 3, 3, false,
                l -> 0.8 * Math.pow(3, -l) * (l == 2 ? 8 : 1));
        System.out.println(HtmlReport.write(dir.resolve("measure-2d"), measure, Fixtures.sampler(2, 3, 3), opts));
    }
}
