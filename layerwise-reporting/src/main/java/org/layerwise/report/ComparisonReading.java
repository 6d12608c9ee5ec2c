package org.layerwise.report;

import java.util.ArrayList;
import java.util.List;

import org.layerwise.measure.ErrorEstimate;

/**
 * A plain-language reading of a {@link Comparison}, computed from its numbers only: how the errors were measured,
 * how each method's error falls with the level / grade (geometric mean of successive ratios), where MGDL is below
 * or above the explicit network, how SGDL ends against both, and which of the three carries a guarantee.
 */
public final class ComparisonReading {

    private ComparisonReading() {
    }

    /** The sentences, plain text (not yet HTML-escaped). */
    public static List<String> sentences(Comparison c) {
        List<String> out = new ArrayList<>();
        int n = c.levels();
        String p = c.explicit().p().toString();
        ErrorEstimate any = c.sgdl();
        if (c.sameMeasurement()) {
            out.add("All three errors are \u2016f \u2212 readout\u2016_" + p + " on [0,1]^" + c.explicit().dim()
                    + ", estimated the same way (" + any.method() + ", the same points and shifts for every readout), "
                    + "so the comparison is fair: no difference below comes from the measurement.");
        } else {
            out.add("Warning: the errors were not all measured the same way (methods or point counts differ); "
                    + "compare them with care.");
        }
        double[] explicit = new double[n];
        double[] mgdl = new double[n];
        for (int l = 1; l <= n; l++) {
            explicit[l - 1] = c.explicitError(l).value();
            mgdl[l - 1] = c.mgdl().get(l - 1).value();
        }
        out.add("Explicit network: error " + Fmt.num(explicit[0]) + " at level 1 and " + Fmt.num(explicit[n - 1])
                + " at level " + n + perLevel(explicit) + "; " + boundSentence(c, explicit) + ".");
        out.add("MGDL (one grade per level): error " + Fmt.num(mgdl[0]) + " after grade 1 and " + Fmt.num(mgdl[n - 1])
                + " after grade " + n + perLevel(mgdl) + "; " + below(explicit, mgdl) + ".");
        double s = c.sgdl().value();
        out.add("SGDL (the same " + n + " grades' layers stacked and trained end to end): error " + Fmt.num(s) + ", "
                + times(s, mgdl[n - 1]) + " MGDL's final error and " + times(s, explicit[n - 1])
                + " the explicit network's level-" + n + " error.");
        out.add("Only the explicit network comes with a theorem: its level-l error is at most (2d+1) \u03c9_p(f, N^\u2212l) "
                + "for every f, and it is deterministic given the cell means; the errors compared here are estimates "
                + "(quasi-Monte Carlo), for all three methods. The trained errors depend on the grade "
                + "specification, the training data and the seed, and carry no such bound; the bound line is drawn "
                + "for reference only.");
        return out;
    }

    /** {@code ", falling by about x per level"} from the geometric mean of successive ratios, or nothing. */
    private static String perLevel(double[] e) {
        double logSum = 0;
        int count = 0;
        for (int i = 1; i < e.length; i++) {
            if (e[i] > 0 && e[i - 1] > 0 && Double.isFinite(e[i]) && Double.isFinite(e[i - 1])) {
                logSum += Math.log(e[i - 1] / e[i]);
                count++;
            }
        }
        if (count == 0) {
            return "";
        }
        double g = Math.exp(logSum / count);
        if (Math.abs(g - 1) < 0.05) {
            return " (about the same at every level: factor " + Fmt.ratio(g) + " per level)";
        }
        return g >= 1 ? " (divided by about " + Fmt.ratio(g) + " per level)"
                : " (growing by a factor of about " + Fmt.ratio(1 / g) + " per level)";
    }

    private static String boundSentence(Comparison c, double[] explicit) {
        List<String> fails = new ArrayList<>();
        for (int l = 1; l <= c.levels(); l++) {
            if (explicit[l - 1] > c.row(l).bound()) {
                fails.add(Integer.toString(l));
            }
        }
        return fails.isEmpty() ? "it is within the bound (2d+1) \u03c9_p(f, N^\u2212l) at every level"
                : "it EXCEEDS the bound (2d+1) \u03c9_p(f, N^\u2212l) at level" + (fails.size() > 1 ? "s " : " ")
                + String.join(", ", fails) + " (the \u03c9_p estimate comes from a search over shifts and is not a bound, so part of this may be estimation error)";
    }

    private static String below(double[] explicit, double[] mgdl) {
        List<String> lower = new ArrayList<>();
        List<String> higher = new ArrayList<>();
        for (int l = 1; l <= explicit.length; l++) {
            (mgdl[l - 1] < explicit[l - 1] ? lower : higher).add(Integer.toString(l));
        }
        if (higher.isEmpty()) {
            return "it is below the explicit network's error at every level";
        }
        if (lower.isEmpty()) {
            return "it is above the explicit network's error at every level";
        }
        return "it is below the explicit network's error at level" + (lower.size() > 1 ? "s " : " ")
                + String.join(", ", lower) + " and above it at level" + (higher.size() > 1 ? "s " : " ")
                + String.join(", ", higher);
    }

    /** {@code "0.5 times"} / {@code "3.2 times"}, or {@code "equal to"}. */
    private static String times(double a, double b) {
        if (a == b) {
            return "equal to";
        }
        if (b == 0) {
            return "infinitely many times";
        }
        return Fmt.num(a / b) + " times";
    }
}
