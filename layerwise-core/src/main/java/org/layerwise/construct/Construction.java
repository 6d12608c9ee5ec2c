package org.layerwise.construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.measure.MultiBatchFunction;
import org.layerwise.measure.PNorm;
import org.layerwise.measure.QmcError;
import org.layerwise.measure.Enclosure;
import org.layerwise.eval.DecoderBound;
import org.layerwise.eval.Evaluator;
import org.layerwise.eval.Evaluators;
import org.layerwise.net.Network;
import org.layerwise.net.NetworkCounts;
import org.layerwise.function.Target;

/**
 * Builds the network of a target level by level and measures every level: {@code Layerwise.construct} and
 * {@code Layerwise.refine} (and so the {@code construct} and {@code refine} commands) are thin wrappers around
 * {@link #construct} and {@link #refine}.
 *
 * <p>Per level {@code l = 0..L} the report row holds the cells {@code N^(dl)}, the hidden layer the head of
 * level {@code l} reads, the depth up to it, the bits stored for the level (phases and address
 * coefficients, {@link NetworkCounts}), the <b>network</b> readout error {@code ||f - Phi_l||_p}, the
 * cell-mean error {@code ||f - A_l f||_p}, {@code omega_p(f, N^-l)}, the bound {@code (2d+1) omega} and
 * the constant {@code networkError / omega}.
 *
 * <p><b>Network error.</b> By randomized QMC ({@link QmcError#errors}): the network is evaluated once per
 * point, which gives {@code Phi_1..Phi_L} together, and every level's error is taken from that one pass
 * (same points for every level). <b>Level 0</b> has no head (the first readout is {@code Phi_1}): its
 * network error is {@code null} and its constant is {@code meanError / omega} of {@code mu_0}.
 *
 * <p><b>Tolerance.</b> With a tolerance {@code eps}, levels are appended one at a time
 * ({@link NetworkBuilder#extend}) and the construction stops at the first level {@code l >= 1} whose
 * network error is {@code <= eps}: the upper end of its enclosure (a proven stop) for targets that can be
 * enclosed, the QMC estimate otherwise; or at the maximum number of levels.
 *
 * <p><b>Cell means.</b> The table is computed with quadrature level {@code R} = the maximum number of
 * levels ({@link CellMeansBuilder#withQuadratureLevel}); {@code q} and {@code R} are recorded in the
 * model's target block ({@link ConstructionSettings#targetBlock}) so that {@link #refine} can recompute exactly
 * the same means. {@link ConstructionSettings#construction} makes a construction from checked settings.
 *
 * @param measures  cell means (grid, {@code q}, memory limit), cell-mean error and omega settings
 * @param qmc       points, shifts and seed of the network error
 * @param p         the norm exponent
 * @param bits      phase bit budget {@code b}
 * @param reference whether to force the reference evaluator ({@link Evaluators#forNetwork})
 */
public record Construction(LevelMeasures measures, QmcError qmc, PNorm p, int bits, boolean reference) {

    /** Default Sobol points per shift of the network error (cheap with the fast exact evaluator). */
    public static final int DEFAULT_POINTS = 4096;
    /** Default random shifts of the network error: 8 give a standard error with 7 degrees of freedom. */
    public static final int DEFAULT_SHIFTS = 8;

    /**
     * @param measures  cell means, cell-mean error and omega settings
     * @param qmc       the network error's QMC settings
     * @param p         the norm exponent
     * @param bits      phase bit budget
     * @param reference whether to force the reference evaluator
     * @throws IllegalArgumentException if {@code measures}, {@code qmc} or {@code p} is null
     */
    public Construction {
        if (measures == null || qmc == null || p == null) {
            throw new IllegalArgumentException("measures, qmc and p are required");
        }
    }

    /**
     * The outcome.
     *
     * @param network  the network of levels {@code 1..L}
     * @param report   the per-level report, levels {@code 0..L}; null when built without measures ({@link #build})
     * @param table    the cell means the deepest level encodes (levels {@code 0..L}, quadrature level {@code R})
     * @param quadratureLevel {@code R} of {@code table} for a model refined from an old file, -1 for nested means
     *                        (each level computed on its own)
     * @param metLevel the first level meeting the tolerance, -1 when none did or no tolerance was given
     * @param evaluator the exact evaluator that measured the network errors (fast, or reference and why); reuse it;
     *                  null when built without measures
     */
    public record Result(Network network, ConstructionReport report, CellMeans table, int quadratureLevel,
                         int metLevel, Evaluators.Choice evaluator) {
    }

    /**
     * Builds and measures levels {@code 1..maxLevels} of {@code f}, or fewer with a tolerance.
     *
     * @param f         the target, of the grid's dimension
     * @param maxLevels the number of levels {@code >= 1} (the maximum with a tolerance)
     * @param tolerance stop at the first level with network error {@code <= tolerance}; NaN for none
     * @param monitor   where progress goes
     * @return the network, its report and table
     * @throws InvalidInputException if {@code maxLevels < 1}, the levels exceed a limit, or {@code f} has the wrong
     *                               dimension or a non-finite value
     */
    public Result construct(Target f, int maxLevels, double tolerance, Monitor monitor) {
        checkTarget(f);
        if (maxLevels < 1) {
            throw new InvalidInputException("levels must be >= 1, got " + maxLevels);
        }
        checkLevels(maxLevels, tolerance);
        CellMeans table = means(f, maxLevels, -1, monitor);
        return grow(f, null, null, table, -1, tolerance, monitor);
    }

    /**
     * Builds levels {@code 1..maxLevels} of {@code f} without measuring them: the table of cell means, then the
     * network, and nothing else (no network error, no per-level error rows, no omega), so that a deep model costs
     * about what its table costs. The same network and table as {@link #construct} without a tolerance.
     *
     * @param f         the target, of the grid's dimension
     * @param maxLevels the number of levels {@code >= 1}
     * @param monitor   where progress goes
     * @return the network and its table; {@link Result#report()} and {@link Result#evaluator()} are null
     * @throws InvalidInputException as {@link #construct} does
     */
    public Result build(Target f, int maxLevels, Monitor monitor) {
        checkTarget(f);
        if (maxLevels < 1) {
            throw new InvalidInputException("levels must be >= 1, got " + maxLevels);
        }
        checkLevels(maxLevels, Double.NaN);
        CellMeans table = means(f, maxLevels, -1, monitor);
        Network net;
        try (Monitor.Task task = monitor.start("network (L = " + maxLevels + ")", maxLevels)) {
            net = NetworkBuilder.build(table, bits);
            task.step(maxLevels);
        }
        return new Result(net, null, table, -1, -1, null);
    }

    /**
     * Appends levels to {@code net} (built from {@code f} with cell means of quadrature level {@code oldR})
     * without changing any existing weight: recomputes the old table (same {@code q}, {@code R = oldR}) to
     * get {@code mu_L^old}, checks that the network's level {@code L} reproduces it (at 8 seeded points, within
     * the {@link DecoderBound}), computes the new table with quadrature
     * level {@code maxLevels} and extends.
     *
     * The report's mean errors of levels {@code <= L} come from the recomputed old table (levels below
     * {@code L} of a model refined before encode tables of smaller {@code R}, whose means differ only by
     * the quadrature error).
     *
     * @param net       the network to extend
     * @param f         the target it was built from
     * @param oldR      the quadrature level {@code R} of the table its deepest level encodes (a model written before
     *                  nested means), or -1: nested means, recomputed as a direct build computes them
     * @param maxLevels the new number of levels (the maximum with a tolerance)
     * @param tolerance stop at the first new level with network error {@code <= tolerance}; NaN for none
     * @param monitor   where progress goes
     * @return the extended network, the report of all its levels and the new table
     * @throws InvalidInputException if {@code maxLevels <= L}, or the recomputed means do not match the network
     */
    public Result refine(Network net, Target f, int oldR, int maxLevels, double tolerance, Monitor monitor) {
        checkTarget(f);
        int old = net.levels();
        if (f.dim() != net.dim() || measures.means().cells().base() != net.base()) {
            throw new InvalidInputException("the model has d = " + net.dim() + ", N = " + net.base()
                    + " but the target has d = " + f.dim());
        }
        if (maxLevels <= old) {
            throw new InvalidInputException("the model already has " + old + " levels; refine needs more, got "
                    + maxLevels);
        }
        if (oldR >= 0 && oldR < old) {
            throw new InvalidInputException("recorded quadrature level " + oldR + " is below the model's " + old
                    + " levels");
        }
        checkLevels(maxLevels, tolerance);
        CellMeans oldTable = means(f, old, oldR, monitor);
        checkReproduces(net, oldTable);
        // nested means (oldR < 0): the new table's levels <= old are the old table, so refining equals a direct build
        CellMeans table = oldR < 0 ? means(f, maxLevels, -1, monitor) : means(f, maxLevels, maxLevels, monitor);
        return grow(f, net, oldTable, table, oldR < 0 ? -1 : maxLevels, tolerance, monitor);
    }

    /** Without a tolerance every level up to {@code maxLevels} is built: refuses up front what cannot be. */
    private void checkLevels(int maxLevels, double tolerance) {
        if (Double.isNaN(tolerance)) {
            Cells cells = measures.means().cells();
            NetworkBuilder.checkLevels(cells.dim(), cells.base(), bits, maxLevels);
        }
    }

    private void checkTarget(Target f) {
        if (f.dim() != measures.means().cells().dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim() + ", the grid has "
                    + measures.means().cells().dim());
        }
    }

    /** The table of levels {@code 0..levels}: nested ({@code r < 0}) or, for old models, from quadrature level r. */
    private CellMeans means(Target f, int levels, int r, Monitor monitor) {
        CellMeansBuilder b = r < 0 ? measures.means() : measures.means().withQuadratureLevel(r);
        b.checkMemory(levels);
        int shown = r < 0 ? levels : r;
        String what = r < 0 ? (CellMeansBuilder.certifiable(f) ? "certified cell means" : "cell means") : "cell means";
        try (Monitor.Task task = monitor.start(what + " (level " + shown + ")", b.cells().count(shown))) {
            return b.withProgress(task::step).build(f, levels);
        }
    }

    /** Refuses when the network's deepest readout at a few seeded points is not the table's mean. */
    private void checkReproduces(Network net, CellMeans table) {
        Evaluator ev = Evaluators.forNetwork(net, reference);
        java.util.SplittableRandom random = new java.util.SplittableRandom(qmc.seed());
        double[][] xs = new double[8][net.dim()];
        for (double[] x : xs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble();
            }
        }
        double[][] phi = ev.evaluate(xs);
        // only the deepest level: after an earlier refine, shallower levels encode older tables (smaller R)
        int l = net.levels();
        for (int j = 0; j < xs.length; j++) {
            double mu = table.at(xs[j], l);
            if (!DecoderBound.holds(phi[j][l - 1], mu, DecoderBound.bound(net, l))) {
                throw new InvalidInputException("the target block does not reproduce the model: at x = "
                        + java.util.Arrays.toString(xs[j]) + " level " + l + " reads " + phi[j][l - 1]
                        + " but the recomputed cell mean is " + mu);
            }
        }
    }

    /**
     * Appends levels until {@code maxLevels} or the tolerance is met; {@code start} (may be null) encodes
     * levels {@code 0..L0} of {@code prefix}, deeper levels come from {@code table}.
     */
    private Result grow(Target f, Network start, CellMeans prefix, CellMeans table, int quadratureLevel,
                        double tolerance, Monitor monitor) {
        int maxLevels = table.levels();
        boolean byTolerance = !Double.isNaN(tolerance);
        int from = start == null ? 0 : start.levels();
        Network net = start;
        ErrorEstimate[] errors = null;
        Evaluators.Choice evaluator = null;
        int met = -1;
        if (!byTolerance) {
            net = start == null ? NetworkBuilder.build(table, bits)
                    : NetworkBuilder.extend(start, prefix.level(from), table);
            Measured m = measureNetwork(f, net, monitor);
            errors = m.errors();
            evaluator = m.evaluator();
        } else {
            for (int l = from + 1; l <= maxLevels; l++) {
                CellMeans upTo = table.truncate(l);
                if (net == null) {
                    net = NetworkBuilder.build(upTo, bits);
                } else if (l == from + 1) {
                    net = NetworkBuilder.extend(net, prefix.level(from), upTo);
                } else {
                    net = NetworkBuilder.extend(net, upTo);
                }
                Measured m = measureNetwork(f, net, monitor);
                errors = m.errors();
                evaluator = m.evaluator();
                // a proven stop when the target can be enclosed: the upper end of ||f - Phi_l||_p
                Enclosure enclosed = measures.tableError(f, upTo, l, p);
                double stop = enclosed == null ? errors[l - 1].value() : enclosed.widen(decoderAllowance(net, upTo, l)).hi();
                if (stop <= tolerance) {
                    met = l;
                    break;
                }
            }
        }
        int levels = net.levels();
        CellMeans last = table.truncate(levels);
        ConstructionReport report = report(f, net, prefix, last, errors, monitor);
        return new Result(net, report, last, quadratureLevel, met, evaluator);
    }

    /**
     * A copy whose certified cell means aim at half-widths {@code eta_l <= rel * e_l}, where {@code e_l} is the
     * estimate of the level's cell-mean error {@code ||f - A_l f||_p}; everything else is unchanged.
     *
     * @param rel the relative tolerance, {@code > 0}
     * @return the copy
     * @throws InvalidInputException if {@code rel} is not a positive finite number
     */
    public Construction withMeanTolerance(double rel) {
        return new Construction(new LevelMeasures(measures.meanError(), measures.modulus(),
                measures.means().withMeanTolerance(rel)), qmc, p, bits, reference);
    }

    /**
     * {@code ||f - Phi_l||_p} for {@code l = 1..L}, one evaluation of the network per point.
     *
     * @param f       the target
     * @param net     the network
     * @param monitor where progress goes
     * @return entry {@code l-1} estimates the error of level {@code l}
     */
    public ErrorEstimate[] networkErrors(Target f, Network net, Monitor monitor) {
        return measureNetwork(f, net, monitor).errors();
    }

    /** Network errors and the evaluator that produced them. */
    private record Measured(ErrorEstimate[] errors, Evaluators.Choice evaluator) {
    }

    private Measured measureNetwork(Target f, Network net, Monitor monitor) {
        Evaluators.Choice choice = Evaluators.choose(net, reference);
        Evaluator ev = choice.evaluator();
        int levels = net.levels();
        try (Monitor.Task task = monitor.start("network error (L = " + levels + ")",
                (long) qmc.points() * qmc.shifts())) {
            MultiBatchFunction g = (xs, out) -> {
                double[][] phi = ev.evaluate(xs);
                for (int j = 0; j < xs.length; j++) {
                    System.arraycopy(phi[j], 0, out[j], 0, levels);
                }
                task.step(xs.length);
            };
            return new Measured(qmc.errors(f, levels, g, p), choice);
        }
    }

    private ConstructionReport report(Target f, Network net, CellMeans prefix, CellMeans table, ErrorEstimate[] errors,
                                      Monitor monitor) {
        NetworkCounts counts = NetworkCounts.of(net);
        int d = net.dim();
        int old = prefix == null ? -1 : prefix.levels();
        List<LevelReport> rows = new ArrayList<>();
        try (Monitor.Task task = monitor.start("cell-mean error and omega", table.levels() + 1)) {
            for (int l = 0; l <= table.levels(); l++) {
                CellMeans t = l <= old ? prefix : table;
                LevelReport m = measures.row(f, t, l, p, d);
                if (l == 0) {
                    rows.add(m);
                } else {
                    NetworkCounts.LevelBits lb = counts.levelBits().get(l - 1);
                    ErrorEstimate e = errors[l - 1];
                    Certificate cert = m.certificate() == null ? null
                            : m.certificate().withNetwork(decoderAllowance(net, t, l), d);
                    rows.add(new LevelReport(l, m.cells(), net.headLayer(l), net.headLayer(l) + 1,
                            lb.bits(), e, m.meanError(), m.omega(), m.bound(),
                            LevelReport.constant(e.value(), m.omega().value()), cert));
                }
                task.step(1);
            }
        }
        return new ConstructionReport(f.name(), f.regularity(), d, net.base(), net.levels(), p, true, net.bits(),
                net.layout().id(), counts.width(), counts.depth(), counts.paperWidth(), counts.reluNeurons(),
                counts.sineNeurons(), counts.parameters(), rows);
    }

    /**
     * The largest {@code |Phi_l(x) - T_l(K_l(x))|} the decoder certificate allows on level {@code l}:
     * {@link DecoderBound#allowance} at the largest {@code |mean|} of the level (it grows with {@code |mean|}).
     */
    static double decoderAllowance(Network net, CellMeans table, int l) {
        double max = 0;
        for (double v : table.level(l)) {
            max = Math.max(max, Math.abs(v));
        }
        return DecoderBound.allowance(max, DecoderBound.bound(net, l));
    }

    /**
     * {@code block} (a target block, see {@code ConstructionSettings#targetBlock}) with the status of the result's
     * cell means ({@code "means"}: {@code certified} or {@code estimate}) and, when certified,
     * {@code "meanHalfWidths"}: the largest half-width {@code eta_l} of the mean enclosures of each level.
     *
     * @param block  the target block to extend (not changed)
     * @param result the construction whose cell means are described
     * @return a new block: the members of {@code block}, then {@code "means"} and, for certified means,
     *         {@code "meanHalfWidths"} (levels {@code 0..L})
     */
    public static Map<String, Object> withMeans(Map<String, Object> block, Result result) {
        Map<String, Object> m = new LinkedHashMap<>(block);
        CellMeans t = result.table();
        m.put("means", t.status());
        if (t.isCertified()) {
            List<Double> eta = new ArrayList<>();
            for (int l = 0; l <= t.levels(); l++) {
                eta.add(t.halfWidth(l));
            }
            m.put("meanHalfWidths", eta);
        }
        return m;
    }

    /**
     * The half-widths {@code eta_l} a target block records.
     *
     * @param block a target block, as written by {@link #withMeans}
     * @return {@code eta_0..eta_L}, or null when the block records estimated means or predates certified means
     * @throws InvalidInputException if an entry of {@code meanHalfWidths} is not a number {@code >= 0}
     */
    public static double[] meanHalfWidths(Map<String, ?> block) {
        if (!"certified".equals(block.get("means")) || !(block.get("meanHalfWidths") instanceof List<?> list)) {
            return null;
        }
        double[] eta = new double[list.size()];
        for (int l = 0; l < eta.length; l++) {
            if (!(list.get(l) instanceof Number n) || !(n.doubleValue() >= 0)) {
                throw new InvalidInputException("the model's target block has a bad meanHalfWidths entry at level "
                        + l + ": " + list.get(l));
            }
            eta[l] = n.doubleValue();
        }
        return eta;
    }

}
