package org.layerwise.report;

import java.util.ArrayList;
import java.util.List;

import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.measure.ErrorEstimate;

/**
 * A short plain-language reading of a report, computed from its numbers only: the observed rate (geometric
 * mean of successive error ratios), whether the bound {@code error <= (2d+1) omega_p(f, N^-l)} holds and with
 * what constant, whether the rate line holds, how closely the network reproduces the cell means, and how the
 * stored bits grow. Each sentence says honestly where a claim fails.
 */
public final class Reading {

    /** Relative difference below which network and cell-mean errors count as equal. */
    static final double SAME = 1e-6;

    private Reading() {
    }

    /** The error reported for a level: the network error when present, else the cell-mean error. */
    static ErrorEstimate error(ConstructionReport r, LevelReport row) {
        return r.hasNetwork() && row.networkError() != null ? row.networkError() : row.meanError();
    }

    /** The sentences of the reading, plain text (not yet HTML-escaped). */
    public static List<String> sentences(ConstructionReport r) {
        List<String> out = new ArrayList<>();
        boolean network = r.hasNetwork() && r.rows().stream().anyMatch(row -> row.networkError() != null);
        String what = network ? "network error" : "cell-mean error";
        rate(r, what, out);
        proven(r, what, out);
        bound(r, what, out);
        rateLine(r, what, out);
        if (network) {
            networkVsMeans(r, out);
        }
        if (r.hasNetwork()) {
            bits(r, out);
        }
        if (r.rows().stream().anyMatch(row -> error(r, row).standardError() > 0)) {
            out.add("Some estimates are randomized (quasi-Monte Carlo with random shifts); their standard errors are "
                    + "shown with \u00b1 in the table, and ratios or constants close to a threshold are uncertain "
                    + "by about that much.");
        }
        return out;
    }

    private static void rate(ConstructionReport r, String what, List<String> out) {
        List<LevelReport> rows = r.rows();
        List<String> zero = new ArrayList<>();
        double logSum = 0;
        int count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < rows.size(); i++) {
            double e = error(r, rows.get(i)).value();
            if (e == 0) {
                zero.add(Integer.toString(rows.get(i).level()));
            }
            if (i == 0) {
                continue;
            }
            double prev = error(r, rows.get(i - 1)).value();
            if (prev > 0 && e > 0 && Double.isFinite(prev) && Double.isFinite(e)) {
                double ratio = prev / e;
                logSum += Math.log(ratio);
                count++;
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
                if (first < 0) {
                    first = rows.get(i - 1).level();
                }
                last = rows.get(i).level();
            }
        }
        if (count == 0) {
            out.add("There are not two successive levels with a nonzero " + what + ", so no rate can be read off.");
        } else {
            double g = Math.exp(logSum / count);
            // the factor quoted is the one of the deeper levels shown (the coarse levels are pre-asymptotic);
            // the geometric mean over all levels is given beside it
            int from = Math.max(1, rows.size() / 2);
            double deepLog = 0;
            int deep = 0;
            double deepMin = Double.POSITIVE_INFINITY;
            double deepMax = 0;
            for (int i = from; i < rows.size(); i++) {
                double prev = error(r, rows.get(i - 1)).value();
                double e = error(r, rows.get(i)).value();
                if (prev > 0 && e > 0 && Double.isFinite(prev) && Double.isFinite(e)) {
                    deepLog += Math.log(prev / e);
                    deep++;
                    deepMin = Math.min(deepMin, prev / e);
                    deepMax = Math.max(deepMax, prev / e);
                }
            }
            double quoted = deep > 0 ? Math.exp(deepLog / deep) : g;
            String s;
            if (deep > 0 && deep < count) {
                s = "From level " + rows.get(from - 1).level() + " to level " + last + ", each level divides the " + what
                        + " by about " + Fmt.ratio(quoted) + " (successive ratios " + Fmt.ratio(deepMin) + " to "
                        + Fmt.ratio(deepMax) + "; over all levels " + first + " to " + last + " the geometric mean is "
                        + Fmt.ratio(g) + ", ratios " + Fmt.ratio(min) + " to " + Fmt.ratio(max) + ")";
            } else {
                s = "From level " + first + " to level " + last + ", each level divides the " + what + " by about "
                        + Fmt.ratio(g) + " (geometric mean of " + count + " successive ratio" + (count > 1 ? "s" : "")
                        + (count > 1 ? ", which range from " + Fmt.ratio(min) + " to " + Fmt.ratio(max) : "") + ")";
            }
            if (r.regularity().hasRate()) {
                double predicted = Math.pow(r.base(), r.regularity().exponent());
                s += "; the rate line for the H\u00f6lder exponent \u03b1 = " + Fmt.num(r.regularity().exponent())
                        + " falls by N^\u03b1 = " + Fmt.ratio(predicted) + " per level, and the observed factor is "
                        + (quoted >= predicted * 0.98 ? "at least that" : "smaller (slower than the rate)");
            }
            out.add(s + ".");
        }
        if (!zero.isEmpty()) {
            out.add("The " + what + " is exactly 0 at level" + (zero.size() > 1 ? "s " : " ") + String.join(", ", zero)
                    + ": f is constant on every cell there, up to rounding (these points are missing from the log plot).");
        }
    }

    /** What is proven (certified rows) and what is only estimated. */
    private static void proven(ConstructionReport r, String what, List<String> out) {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        double worst = 0;
        for (LevelReport row : r.rows()) {
            if (!row.certified()) {
                continue;
            }
            (row.certificate().proven() ? yes : no).add(Integer.toString(row.level()));
            worst = Math.max(worst, row.certificate().constantHi());
        }
        if (yes.isEmpty() && no.isEmpty()) {
            out.add("Every number here is an estimate (the target is a Java function, which cannot be enclosed): "
                    + "nothing is proven.");
            return;
        }
        int allowed = 2 * r.dim() + 1;
        String s = "Proven (rigorous enclosures, computer-assisted): ";
        if (no.isEmpty()) {
            s += "the " + what + " is at most " + allowed + " \u03c9_p(f, N^\u2212l) at every level shown (the upper end"
                    + " of its enclosure over the certified lower bound of \u03c9 gives a constant of at most "
                    + Fmt.ratio(worst) + ")";
        } else {
            s += "the bound " + what + " \u2264 " + allowed + " \u03c9 at level" + (yes.size() == 1 ? " " : "s ")
                    + (yes.isEmpty() ? "none" : String.join(", ", yes)) + "; not proven at level"
                    + (no.size() == 1 ? " " : "s ") + String.join(", ", no)
                    + " (the enclosure or the lower bound of \u03c9 is too loose there, or the bound fails)";
        }
        out.add(s + ". Estimated only: the QMC columns (network error estimate, \u03c9 estimate, bound (2d+1)\u03c9 and"
                + " the constant error/\u03c9), and the search for the worst shift of \u03c9 (a larger shift may exist;"
                + " the lower bound holds regardless).");
    }

    private static void bound(ConstructionReport r, String what, List<String> out) {
        int allowed = 2 * r.dim() + 1;
        double sharp = r.p().isInfinite() ? r.dim() : r.dim() * Math.pow(2, 1 / r.p().p());
        List<String> fails = new ArrayList<>();
        double worst = 0;
        int worstLevel = -1;
        for (LevelReport row : r.rows()) {
            double e = error(r, row).value();
            if (e > row.bound()) {
                fails.add("level " + row.level() + " (error " + Fmt.num(e) + " > bound " + Fmt.num(row.bound())
                        + ", constant " + Fmt.ratio(row.constant()) + ")");
            }
            if (row.constant() > worst || worstLevel < 0) {
                worst = row.constant();
                worstLevel = row.level();
            }
        }
        if (fails.isEmpty()) {
            String s = "Estimated: the bound " + what + " \u2264 (2d+1) \u03c9_p(f, N^\u2212l) = " + allowed
                    + " \u03c9 holds at every level, with achieved constant (error / \u03c9) at most " + Fmt.ratio(worst)
                    + " (level " + worstLevel + ")";
            s += worst <= sharp ? ", also within the sharper d\u00b72^(1/p) = " + Fmt.ratio(sharp) + " of the averaging argument."
                    : "; it exceeds the sharper d\u00b72^(1/p) = " + Fmt.ratio(sharp) + " of the averaging argument.";
            out.add(s);
        } else {
            out.add("The bound " + what + " \u2264 (2d+1) \u03c9_p(f, N^\u2212l) does NOT hold at " + String.join("; ", fails)
                    + ". These are estimates: the \u03c9_p estimate comes from a search over shifts and is not a bound "
                    + "either way, so part of the excess may be estimation error; a large excess "
                    + "means the construction or the measurement is wrong there.");
        }
    }

    private static void rateLine(ConstructionReport r, String what, List<String> out) {
        if (!r.regularity().hasRate()) {
            return;
        }
        List<String> above = new ArrayList<>();
        for (LevelReport row : r.rows()) {
            double line = r.regularity().rateBound(r.dim(), Math.pow(r.base(), -row.level()));
            if (error(r, row).value() > line) {
                above.add(Integer.toString(row.level()));
            }
        }
        if (above.isEmpty()) {
            out.add("The " + what + " stays below the a-priori rate line (2d+1) \u03bb N^(\u2212\u03b1 l) with \u03bb = "
                    + Fmt.num(r.regularity().constant()) + ", \u03b1 = " + Fmt.num(r.regularity().exponent())
                    + " at every level.");
        } else {
            out.add("The " + what + " exceeds the a-priori rate line (2d+1) \u03bb N^(\u2212\u03b1 l) at level"
                    + (above.size() > 1 ? "s " : " ") + String.join(", ", above)
                    + ": the stated regularity (\u03bb = " + Fmt.num(r.regularity().constant()) + ", \u03b1 = "
                    + Fmt.num(r.regularity().exponent()) + ") does not describe this target, or the estimate is noisy.");
        }
    }

    private static void networkVsMeans(ConstructionReport r, List<String> out) {
        double worst = 0;
        int level = -1;
        boolean withinNoise = true;
        boolean randomized = false;
        double scale = r.rows().stream().mapToDouble(row -> row.meanError().value()).max().orElse(0);
        for (LevelReport row : r.rows()) {
            if (row.networkError() == null) {
                continue;
            }
            double diff = Math.abs(row.networkError().value() - row.meanError().value());
            // randomized estimates (QMC with shifts) differ by sampling noise: 3 standard errors of each
            double noise = 3 * (row.networkError().standardError() + row.meanError().standardError());
            randomized |= noise > 0;
            withinNoise &= diff <= noise || diff <= SAME * Math.max(scale, Double.MIN_NORMAL);
            if (diff > worst || level < 0) {
                worst = diff;
                level = row.level();
            }
        }
        if (worst <= SAME * Math.max(scale, Double.MIN_NORMAL)) {
            out.add("The network readouts reproduce the cell means: network and cell-mean errors differ by at most "
                    + Fmt.num(worst) + " at any level.");
        } else if (withinNoise) {
            out.add("The network and cell-mean errors agree within the sampling noise of the estimates (3 standard "
                    + "errors) at every level; the largest difference is " + Fmt.num(worst) + " (level " + level + ").");
        } else if (randomized) {
            // a standard error from a few random shifts is itself uncertain: do not blame the readout on it
            out.add("The network and cell-mean errors differ by up to " + Fmt.num(worst) + " (level " + level
                    + "), more than 3 estimated standard errors: more than the sampling noise suggests, but those "
                    + "standard errors come from a few random shifts; measure with more points and shifts before "
                    + "concluding that the readout misses the cell means.");
        } else {
            out.add("The network and cell-mean errors differ by up to " + Fmt.num(worst) + " (level " + level
                    + "): the readout does not reproduce the cell means exactly there.");
        }
    }

    private static void bits(ConstructionReport r, List<String> out) {
        long total = 0;
        LevelReport deepest = null;
        for (LevelReport row : r.rows()) {
            if (row.bits() >= 0) {
                total += row.bits();
                deepest = row;
            }
        }
        if (deepest == null) {
            return;
        }
        String s = "Level " + deepest.level() + " stores " + Fmt.count(deepest.bits()) + " bits for its "
                + Fmt.count(deepest.cells()) + " cells; all levels together " + Fmt.count(total) + " bits ("
                + bytes(total) + ")";
        out.add(s + ", the order of a table of " + Fmt.count(deepest.cells()) + " cell means at "
                + r.bitsBudget() + " bits each.");
    }

    private static String bytes(long bits) {
        double b = bits / 8.0;
        if (b < 1024) {
            return Fmt.num(b) + " bytes";
        }
        if (b < 1024 * 1024) {
            return Fmt.num(b / 1024) + " KiB";
        }
        if (b < 1024.0 * 1024 * 1024) {
            return Fmt.num(b / (1024 * 1024)) + " MiB";
        }
        return Fmt.num(b / (1024.0 * 1024 * 1024)) + " GiB";
    }
}
