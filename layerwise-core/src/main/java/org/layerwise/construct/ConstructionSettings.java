package org.layerwise.construct;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.layerwise.InvalidInputException;
import org.layerwise.format.Model;
import org.layerwise.function.TargetSpec;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.grid.MeanEnclosures;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.layerwise.measure.QmcError;
import org.layerwise.net.Network;

/**
 * Everything a construction needs besides the target, checked when the record is made, and the one place that
 * writes and reads a model's <b>target block</b>, so that a model built from Java can be refined by the command line
 * and the other way round.
 *
 * <pre>{@code
 * ConstructionSettings s = ConstructionSettings.defaults().withLevels(6).withP(PNorm.parse("inf"));
 * Construction c = s.construction(2);            // for targets on [0,1]^2
 * }</pre>
 *
 * <p><b>Target block</b> (a JSON object in the model file, member order as listed): {@code kind}, {@code spec},
 * {@code dim} [, {@code sha256}] ({@link TargetSpec#toMap}), then {@code quadrature} ({@code q}),
 * {@code quadratureLevel} ({@code R} of the table the deepest level encodes, models refined from files written
 * before nested means) or {@code meanTol} ({@link #meanTolerance}; absent in older files: the default), {@code p} (text, e.g. {@code "2"} or
 * {@code "inf"}), {@code seed}, {@code points}, {@code shifts}. {@link #recorded} reads it back; a block without
 * {@code p} means {@code p = 2} and one without {@code shifts} means {@link Construction#DEFAULT_SHIFTS} (older
 * files).
 *
 * @param base        refinement factor {@code N >= 2}
 * @param levels      the number of levels {@code L >= 1} (the maximum when a tolerance is given); the cell means use
 *                    quadrature level {@code R = L}
 * @param p           the norm exponent of every error
 * @param bits        phase bits {@code b} per cell, in {@code [2, 4096]}
 * @param quadrature  Gauss-Legendre points {@code q} per coordinate and cell
 * @param qmcPoints   Sobol points per random shift of the network error
 * @param qmcShifts   random shifts of the network error
 * @param seed        seed of the random shifts (network error and the estimate of omega)
 * @param memoryLimit bytes the table of cell means may take, {@code >= 1}
 * @param tolerance   stop at the first level whose network error is {@code <= tolerance}; {@code NaN} for none
 * @param reference   evaluate with the reference evaluator instead of the fast exact one (same doubles, slower)
 * @param meanTolerance the relative tolerance {@code rel > 0} of certified cell means: each level aims at
 *                    half-widths {@code eta_l <= max(rel E_l, floor)} ({@link org.layerwise.grid.MeanEnclosures});
 *                    recorded in the target block as {@code meanTol}, since it decides the encoded means
 */
public record ConstructionSettings(int base, int levels, PNorm p, int bits, int quadrature, int qmcPoints,
                                   int qmcShifts, long seed, long memoryLimit, double tolerance, boolean reference,
                                   double meanTolerance) {

    /** The fewest phase bits per cell. */
    public static final int MIN_BITS = 2;
    /** The most phase bits per cell. */
    public static final int MAX_BITS = 4096;
    /** Levels of {@link #defaults()}. */
    public static final int DEFAULT_LEVELS = 6;

    /**
     * Checks every value; messages name the setting and the value, never a command-line option.
     *
     * @param base        refinement factor {@code N >= 2}
     * @param levels      the number of levels {@code >= 1}
     * @param p           the norm exponent
     * @param bits        phase bits per cell, in {@code [2, 4096]}
     * @param quadrature  Gauss-Legendre points per coordinate and cell
     * @param qmcPoints   Sobol points per shift, {@code >= 1}
     * @param qmcShifts   random shifts, {@code >= 1}
     * @param seed        seed of the random shifts
     * @param memoryLimit bytes of the table of cell means, {@code >= 1}
     * @param tolerance   {@code >= 0}, or NaN for none
     * @param reference   whether to use the reference evaluator
     * @param meanTolerance relative tolerance of certified means, a finite number {@code > 0}
     * @throws InvalidInputException if a value is out of range
     */
    public ConstructionSettings {
        if (p == null) {
            throw new InvalidInputException("the norm exponent p is required");
        }
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new InvalidInputException("bits must be in [" + MIN_BITS + ", " + MAX_BITS + "], got " + bits);
        }
        measures(1, base, quadrature, seed, memoryLimit); // checks N, q and the memory limit
        new QmcError(qmcPoints, qmcShifts, seed); // checks points and shifts
        if (levels < 1) {
            throw new InvalidInputException("levels must be >= 1, got " + levels);
        }
        if (!Double.isNaN(tolerance) && !(tolerance >= 0)) {
            throw new InvalidInputException("tolerance must be a number >= 0 (or NaN for none), got " + tolerance);
        }
        if (!(meanTolerance > 0) || !Double.isFinite(meanTolerance)) {
            throw new InvalidInputException("mean tolerance must be a finite number > 0, got " + meanTolerance);
        }
    }

    /**
     * The defaults of the command line: {@code N = 2}, {@link #DEFAULT_LEVELS} levels, {@code p = 2}, {@code b = 64},
     * {@code q = 4}, {@link Construction#DEFAULT_POINTS} x {@link Construction#DEFAULT_SHIFTS} QMC points, seed 1,
     * memory limit {@link CellMeansBuilder#defaultMemoryLimit()} (half the maximum heap), no tolerance, fast
     * evaluator, mean tolerance {@link MeanEnclosures#DEFAULT_RELATIVE_TOLERANCE}.
     *
     * @return the default settings
     */
    public static ConstructionSettings defaults() {
        return new ConstructionSettings(2, DEFAULT_LEVELS, PNorm.TWO, NetworkBuilder.DEFAULT_BITS,
                CellMeanError.DEFAULT.quadraturePoints(), Construction.DEFAULT_POINTS, Construction.DEFAULT_SHIFTS, 1,
                CellMeansBuilder.defaultMemoryLimit(), Double.NaN, false, MeanEnclosures.DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * @param n refinement factor {@code N >= 2}
     * @return these settings with base {@code n}
     * @throws InvalidInputException if {@code n < 2}
     */
    public ConstructionSettings withBase(int n) {
        return with(d -> d.base = n);
    }

    /**
     * @param l the number of levels {@code >= 1}
     * @return these settings with {@code l} levels
     * @throws InvalidInputException if {@code l < 1}
     */
    public ConstructionSettings withLevels(int l) {
        return with(d -> d.levels = l);
    }

    /**
     * @param norm the norm exponent
     * @return these settings with {@code p = norm}
     * @throws InvalidInputException if {@code norm} is null
     */
    public ConstructionSettings withP(PNorm norm) {
        return with(d -> d.p = norm);
    }

    /**
     * @param b phase bits per cell, in {@code [2, 4096]}
     * @return these settings with {@code b} phase bits
     * @throws InvalidInputException if {@code b} is out of range
     */
    public ConstructionSettings withBits(int b) {
        return with(d -> d.bits = b);
    }

    /**
     * @param q Gauss-Legendre points per coordinate and cell
     * @return these settings with quadrature {@code q}
     * @throws InvalidInputException if {@code q} is out of range
     */
    public ConstructionSettings withQuadrature(int q) {
        return with(d -> d.quadrature = q);
    }

    /**
     * @param points Sobol points per shift, {@code >= 1}
     * @param shifts random shifts, {@code >= 1}
     * @return these settings with the given QMC sizes
     * @throws InvalidInputException if either is below 1
     */
    public ConstructionSettings withQmc(int points, int shifts) {
        return with(d -> {
            d.qmcPoints = points;
            d.qmcShifts = shifts;
        });
    }

    /**
     * @param s seed of the random shifts
     * @return these settings with seed {@code s}
     */
    public ConstructionSettings withSeed(long s) {
        return with(d -> d.seed = s);
    }

    /**
     * @param bytes memory limit of the table of cell means, {@code >= 1}
     * @return these settings with the limit
     * @throws InvalidInputException if {@code bytes < 1}
     */
    public ConstructionSettings withMemoryLimit(long bytes) {
        return with(d -> d.memoryLimit = bytes);
    }

    /**
     * @param eps stop at the first level whose network error is {@code <= eps} ({@code >= 0}); {@code NaN} for none
     * @return these settings with the tolerance
     * @throws InvalidInputException if {@code eps} is negative
     */
    public ConstructionSettings withTolerance(double eps) {
        return with(d -> d.tolerance = eps);
    }

    /**
     * @param useReference whether to evaluate with the reference evaluator
     * @return these settings with the evaluator choice
     */
    public ConstructionSettings withReference(boolean useReference) {
        return with(d -> d.reference = useReference);
    }

    /**
     * @param rel relative tolerance of certified means, a finite number {@code > 0}
     * @return these settings with the mean tolerance
     * @throws InvalidInputException if {@code rel} is not a finite number {@code > 0}
     */
    public ConstructionSettings withMeanTolerance(double rel) {
        return with(d -> d.meanTolerance = rel);
    }

    /**
     * These settings with some values changed, checked again by the canonical constructor: the one place every
     * wither goes through.
     */
    private ConstructionSettings with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new ConstructionSettings(d.base, d.levels, d.p, d.bits, d.quadrature, d.qmcPoints, d.qmcShifts,
                d.seed, d.memoryLimit, d.tolerance, d.reference, d.meanTolerance);
    }

    /** The components of a settings record while a wither changes some of them; never escapes {@link #with}. */
    private static final class Draft {
        int base;
        int levels;
        PNorm p;
        int bits;
        int quadrature;
        int qmcPoints;
        int qmcShifts;
        long seed;
        long memoryLimit;
        double tolerance;
        boolean reference;
        double meanTolerance;

        Draft(ConstructionSettings s) {
            base = s.base;
            levels = s.levels;
            p = s.p;
            bits = s.bits;
            quadrature = s.quadrature;
            qmcPoints = s.qmcPoints;
            qmcShifts = s.qmcShifts;
            seed = s.seed;
            memoryLimit = s.memoryLimit;
            tolerance = s.tolerance;
            reference = s.reference;
            meanTolerance = s.meanTolerance;
        }
    }

    /**
     * @return whether a tolerance is set (not NaN)
     */
    public boolean hasTolerance() {
        return !Double.isNaN(tolerance);
    }

    /**
     * The construction for targets of dimension {@code dim}: cell means with {@code q} points (memory limit as set),
     * cell-mean error with {@code q} points, omega with the default sizes and this seed, QMC network errors.
     *
     * @param dim the targets' dimension {@code d >= 1}
     * @return the construction
     * @throws InvalidInputException if {@code dim < 1}
     */
    public Construction construction(int dim) {
        return new Construction(measures(dim, base, quadrature, seed, memoryLimit), new QmcError(qmcPoints, qmcShifts,
                seed), p, bits, reference).withMeanTolerance(meanTolerance);
    }

    private static LevelMeasures measures(int dim, int base, int q, long seed, long memory) {
        Cells cells = new Cells(dim, base);
        return new LevelMeasures(new CellMeanError(q, CellMeanError.DEFAULT.minimumCells()),
                ModulusOfContinuity.DEFAULT.withSeed(seed),
                CellMeansBuilder.of(cells).withQuadraturePoints(q).withMemoryLimit(memory));
    }

    /**
     * The target block of a model built with these settings (see the class comment).
     *
     * @param spec            how the target was given
     * @param quadratureLevel {@code R} of the table the deepest level encodes for a model refined from one written
     *                        before nested means; -1 (nested means, each level on its own): then {@code meanTol}
     *                        (the relative tolerance of certified means) is recorded instead
     * @return the block, members in the documented order
     */
    public Map<String, Object> targetBlock(TargetSpec spec, int quadratureLevel) {
        Map<String, Object> m = new LinkedHashMap<>(spec.toMap());
        m.put("quadrature", quadrature);
        if (quadratureLevel >= 0) {
            m.put("quadratureLevel", quadratureLevel);
        } else {
            m.put("meanTol", meanTolerance);
        }
        m.put("p", p.toString());
        m.put("seed", seed);
        m.put("points", qmcPoints);
        m.put("shifts", qmcShifts);
        return m;
    }

    /**
     * What a model's target block records.
     *
     * @param settings        the settings the model was built with: base and bits from the network, {@code q},
     *                        {@code p}, seed and QMC sizes from the block, the network's number of levels, and the
     *                        defaults for memory limit, tolerance (none) and evaluator
     * @param target          how the target was given
     * @param quadratureLevel {@code R} of the table the deepest level encodes
     */
    public record Recorded(ConstructionSettings settings, TargetSpec target, int quadratureLevel) {
    }

    /**
     * Reads a model's target block (see the class comment).
     *
     * @param model a model with a target block
     * @return the recorded settings, target description and quadrature level
     * @throws InvalidInputException if the block is empty, a member is missing or has the wrong type, or a value is
     *                               out of range
     */
    public static Recorded recorded(Model model) {
        Network net = model.network();
        Map<String, Object> block = model.target();
        if (block.isEmpty()) {
            throw new InvalidInputException("the model has no target block; it cannot be refined");
        }
        TargetSpec spec = TargetSpec.fromMap(block);
        Object pText = block.get("p");
        PNorm norm = PNorm.parse(pText == null ? "2" : pText.toString());
        int q = (int) member(block, "quadrature");
        int points = (int) member(block, "points");
        int shifts = block.containsKey("shifts") ? (int) member(block, "shifts") : Construction.DEFAULT_SHIFTS;
        long seed = member(block, "seed");
        // files written before the option was recorded used the default
        double meanTol = MeanEnclosures.DEFAULT_RELATIVE_TOLERANCE;
        if (block.containsKey("meanTol")) {
            if (!(block.get("meanTol") instanceof Number n)) {
                throw new InvalidInputException("the model's target block has no number 'meanTol' (got "
                        + block.get("meanTol") + ")");
            }
            meanTol = n.doubleValue();
        }
        ConstructionSettings s = new ConstructionSettings(net.base(), net.levels(), norm, net.bits(), q, points,
                shifts, seed, CellMeansBuilder.defaultMemoryLimit(), Double.NaN, false, meanTol);
        // models written before nested means record the quadrature level R of their means; newer ones do not (-1)
        int r = block.containsKey("quadratureLevel") ? (int) member(block, "quadratureLevel") : -1;
        return new Recorded(s, spec, r);
    }

    /** An integer member of a target block. */
    private static long member(Map<String, ?> block, String name) {
        Object v = block.get(name);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new InvalidInputException("the model's target block has no integer '" + name + "' (got " + v + ")");
        }
        return n.longValue();
    }
}
