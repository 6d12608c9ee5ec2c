package org.layerwise;

import java.nio.file.Path;
import java.util.Objects;

import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.eval.Evaluators;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.function.Target;
import org.layerwise.function.TargetSpec;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.net.Network;

/**
 * The door for Java programs: build the nested network of a target, evaluate its readouts, save, load and refine
 * it, measure errors. Every method is static and thread-safe; bad input throws {@link InvalidInputException} (or
 * another {@link LayerwiseException}) with a message naming the value.
 *
 * <pre>{@code
 * Target f = Targets.formula("sin(3*x)*y", 2);
 * Layerwise.Built built = Layerwise.construct(f, ConstructionSettings.defaults().withLevels(5));
 * double[][] phi = Layerwise.evaluate(built.model(), new double[][] {{0.5, 0.25}});  // Phi_1..Phi_5 at one point
 * Layerwise.save(Path.of("m.json"), built.model());
 * Layerwise.Built deeper = Layerwise.refine(Layerwise.load(Path.of("m.json")), f, 7);
 * }</pre>
 *
 * <p>A model saved here carries the same target block as one saved by the command line
 * ({@link ConstructionSettings#targetBlock}), so {@code layerwise refine} refines a model built from a formula or a
 * built-in in Java, and {@link #refine(Model, Target, int)} refines a model built by {@code layerwise construct}.
 */
public final class Layerwise {

    private Layerwise() {
    }

    /**
     * A built or refined model with its per-level report.
     *
     * @param model   the network and its target block, ready for {@link #save}
     * @param details the construction's outcome: the per-level report, the table of cell means, the first level that
     *                met the tolerance, the evaluator that measured the errors
     */
    public record Built(Model model, Construction.Result details) {

        /**
         * @param model   the model
         * @param details the construction's outcome
         * @throws NullPointerException if an argument is null
         */
        public Built {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(details, "details");
        }

        /**
         * @return the network of levels {@code 1..L}
         */
        public Network network() {
            return model.network();
        }

        /**
         * @return the per-level report of levels {@code 0..L}: cells, network error {@code ||f - Phi_l||_p}, cell-mean
         *         error, {@code omega_p(f, N^-l)}, the bound {@code (2d+1) omega}
         */
        public ConstructionReport report() {
            return details.report();
        }

        /**
         * @return the first level whose network error met the tolerance, or -1 when none did or none was set
         */
        public int metLevel() {
            return details.metLevel();
        }
    }

    /**
     * Builds and measures the network of {@code f} with levels {@code 1..settings.levels()} (fewer when a tolerance
     * is set and met earlier).
     *
     * <pre>{@code
     * Layerwise.Built b = Layerwise.construct(Targets.formula("abs(x - 0.3)", 1),
     *         ConstructionSettings.defaults().withLevels(8).withTolerance(1e-3));
     * LevelReport last = b.report().rows().get(b.network().levels());          // rows are levels 0..L
     * System.out.println("met at level " + b.metLevel() + ", error " + last.networkError().value());
     * }</pre>
     *
     * @param f        the target
     * @param settings the construction settings
     * @return the model (its target block records {@code f} as a formula or built-in when it is one, otherwise by
     *         name as a Java function) and the report
     * @throws InvalidInputException if the table of cell means exceeds the memory limit, or {@code f} takes a
     *                               non-finite value
     */
    public static Built construct(Target f, ConstructionSettings settings) {
        return construct(f, TargetSpec.of(f), settings, Monitor.NONE);
    }

    /**
     * As {@link #construct(Target, ConstructionSettings)}, recording {@code spec} as how the target was given and
     * reporting progress to {@code monitor}.
     *
     * <pre>{@code
     * TargetSpec.Described d = TargetSpec.image(Path.of("photo.png"));   // records the path and its SHA-256
     * Layerwise.Built b = Layerwise.construct(d.target(), d.spec(), ConstructionSettings.defaults(),
     *         Monitor.lines(System.err::println));
     * }</pre>
     *
     * @param f        the target
     * @param spec     how {@code f} was given, written into the model's target block
     * @param settings the construction settings
     * @param monitor  where progress goes ({@link Monitor#NONE} for nowhere)
     * @return the model and the report
     * @throws InvalidInputException if {@code spec}'s dimension differs from {@code f}'s, or as above
     */
    public static Built construct(Target f, TargetSpec spec, ConstructionSettings settings, Monitor monitor) {
        checkSpec(f, spec);
        Construction c = settings.construction(f.dim());
        return built(spec, settings, c.construct(f, settings.levels(), settings.tolerance(), monitor));
    }

    /** Refuses a description of another dimension than the target's. */
    private static void checkSpec(Target f, TargetSpec spec) {
        Objects.requireNonNull(f, "target");
        if (spec.dim() != f.dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim()
                    + " but its description says " + spec.dim());
        }
    }

    /** The model of a result, its target block recording {@code spec}, the settings and the means' status. */
    private static Built built(TargetSpec spec, ConstructionSettings settings, Construction.Result r) {
        return new Built(new Model(r.network(), Construction.withMeans(settings.targetBlock(spec, r.quadratureLevel()),
                r)), r);
    }

    /**
     * Builds the model of {@code f} without measuring it ({@link Construction#build}): the cell means and the
     * network, the same weights {@link #construct} gives without a tolerance, at about the cost of the table. Measure
     * it afterwards, if wanted, with {@link #networkErrors} or {@link #measure}.
     *
     * <pre>{@code
     * Layerwise.Built b = Layerwise.build(f, TargetSpec.of(f), ConstructionSettings.defaults().withLevels(12),
     *         Monitor.NONE);
     * Layerwise.save(Path.of("m12.model"), b.model());
     * }</pre>
     *
     * @param f        the target
     * @param spec     how {@code f} was given, written into the model's target block
     * @param settings the construction settings (a tolerance is refused: stopping needs the measured errors)
     * @param monitor  where progress goes
     * @return the model; {@code details().report()} is null
     * @throws InvalidInputException if the settings have a tolerance, or as {@link #construct}
     */
    public static Built build(Target f, TargetSpec spec, ConstructionSettings settings, Monitor monitor) {
        checkSpec(f, spec);
        if (!Double.isNaN(settings.tolerance())) {
            throw new InvalidInputException("a tolerance (" + settings.tolerance()
                    + ") needs the measured errors; build without measures takes none");
        }
        return built(spec, settings, settings.construction(f.dim()).build(f, settings.levels(), monitor));
    }

    /**
     * Appends levels to a model until it has {@code levels}, without changing any earlier weight, using the
     * settings recorded in its target block.
     *
     * <pre>{@code
     * Model m = Layerwise.load(Path.of("m.json"));                  // e.g. from 'layerwise construct'
     * Layerwise.Built deeper = Layerwise.refine(m, Layerwise.target(m), m.network().levels() + 2);
     * }</pre>
     *
     * @param model  a model with a target block
     * @param f      the target the model was built from (the model's deepest readout is checked against it)
     * @param levels the new number of levels, more than the model's
     * @return the refined model and the report of all its levels
     * @throws InvalidInputException if the model has no target block, {@code levels} is not larger than the model's,
     *                               or the recomputed cell means of {@code f} do not match the model
     */
    public static Built refine(Model model, Target f, int levels) {
        return refine(model, f, ConstructionSettings.recorded(model).settings().withLevels(levels), Monitor.NONE);
    }

    /**
     * As {@link #refine(Model, Target, int)} with settings: {@code settings} must be the recorded ones
     * ({@code ConstructionSettings.recorded(model).settings()}) with any of levels, tolerance, memory limit and
     * evaluator changed; base, p, bits, quadrature, QMC sizes and seed must stay as recorded (they decide the cell
     * means, which the earlier levels encode).
     *
     * <pre>{@code
     * ConstructionSettings s = ConstructionSettings.recorded(m).settings().withLevels(9).withTolerance(1e-4);
     * Layerwise.Built b = Layerwise.refine(m, f, s, Monitor.NONE);   // stops at the first level meeting 1e-4
     * }</pre>
     *
     * @param model    a model with a target block
     * @param f        the target the model was built from
     * @param settings the recorded settings with the new number of levels (the maximum with a tolerance)
     * @param monitor  where progress goes
     * @return the refined model and the report
     * @throws InvalidInputException if a recorded setting was changed, or as above
     */
    public static Built refine(Model model, Target f, ConstructionSettings settings, Monitor monitor) {
        ConstructionSettings.Recorded rec = ConstructionSettings.recorded(model);
        ConstructionSettings was = rec.settings();
        ConstructionSettings kept = settings.withLevels(was.levels()).withTolerance(Double.NaN)
                .withMemoryLimit(was.memoryLimit()).withReference(false);
        if (!kept.equals(was)) {
            throw new InvalidInputException("refine must keep the recorded settings " + was.withLevels(1)
                    + " except levels, tolerance, memory limit and evaluator; got " + settings);
        }
        Network net = model.network();
        Construction c = settings.construction(net.dim());
        Construction.Result r = c.refine(net, f, rec.quadratureLevel(), settings.levels(), settings.tolerance(),
                monitor);
        return new Built(new Model(r.network(), Construction.withMeans(settings.targetBlock(rec.target(),
                r.quadratureLevel()), r)), r);
    }

    /**
     * Rebuilds the target a model records (a formula, a built-in, or an unchanged image or grid file).
     *
     * <pre>{@code
     * Target f = Layerwise.target(Layerwise.load(Path.of("m.json")));
     * }</pre>
     *
     * @param model a model with a target block
     * @return the target
     * @throws InvalidInputException if the model has no target block, the target was a Java function, or a file is
     *                               missing or changed
     */
    public static Target target(Model model) {
        return ConstructionSettings.recorded(model).target().resolve();
    }

    /**
     * The per-level measurements without a network, for levels {@code 0..settings.levels()}: the cell-mean error
     * {@code ||f - A_l f||_p}, the estimate of {@code omega_p(f, N^-l)}, the bound {@code (2d+1) omega} and the
     * constant; what {@code layerwise measure} prints with its defaults.
     *
     * <pre>{@code
     * ConstructionReport r = Layerwise.measure(Targets.builtin("cone2d"), ConstructionSettings.defaults().withLevels(5));
     * }</pre>
     *
     * @param f        the target
     * @param settings base, levels, p, quadrature, seed and memory limit are used
     * @return the report (its rows have no network error)
     * @throws InvalidInputException if the table exceeds the memory limit, or {@code f} takes a non-finite value
     */
    public static ConstructionReport measure(Target f, ConstructionSettings settings) {
        return settings.construction(f.dim()).measures().measure(f, settings.levels(), settings.p(), Monitor.NONE);
    }

    /**
     * The network errors {@code ||f - Phi_l||_p}, {@code l = 1..L}, of a model, by randomized QMC with the settings'
     * points, shifts, seed and {@code p} (one network pass per point gives every level).
     *
     * <pre>{@code
     * ErrorEstimate[] e = Layerwise.networkErrors(m, f, ConstructionSettings.recorded(m).settings());
     * }</pre>
     *
     * @param model    the model
     * @param f        the target to compare with
     * @param settings {@code p}, QMC points, shifts, seed and the evaluator choice are used
     * @return entry {@code l-1} is the estimate for level {@code l}, with its standard error
     * @throws InvalidInputException if {@code f}'s dimension differs from the model's
     */
    public static ErrorEstimate[] networkErrors(Model model, Target f, ConstructionSettings settings) {
        Network net = model.network();
        if (f.dim() != net.dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim() + ", the model "
                    + net.dim());
        }
        return settings.construction(net.dim()).networkErrors(f, net, Monitor.NONE);
    }

    /**
     * The readouts {@code Phi_1(x)..Phi_L(x)} at every point, exactly (the fast exact evaluator, or the reference one
     * when the network is not of the construction's structure; both give the same doubles).
     *
     * <pre>{@code
     * double[][] phi = Layerwise.evaluate(m, new double[][] {{0.5, 0.25}, {1, 0}});
     * double deepest = phi[0][m.network().levels() - 1];   // Phi_L(0.5, 0.25)
     * }</pre>
     *
     * @param model  the model
     * @param points points of {@code [0,1]^d}, including the faces
     * @return row {@code k} holds the readouts at {@code points[k]}, entry {@code l-1} is {@code Phi_l}
     * @throws InvalidInputException if a point has the wrong length or a coordinate is NaN or outside {@code [0,1]}
     */
    public static double[][] evaluate(Model model, double[][] points) {
        return Evaluators.forNetwork(model.network(), false).evaluate(points);
    }

    /**
     * Reads a model file (checksum, format and sizes are checked).
     *
     * <pre>{@code
     * Model m = Layerwise.load(Path.of("m.json"));
     * }</pre>
     *
     * @param file the file
     * @return the model
     * @throws org.layerwise.format.ModelFormatException if the file is not a valid model
     * @throws InvalidInputException                     if it cannot be read
     */
    public static Model load(Path file) {
        return ModelFile.load(file);
    }

    /**
     * Writes a model file atomically (a temporary file moved into place: a failure never leaves a half-written
     * file). The bytes depend only on the model.
     *
     * <pre>{@code
     * Layerwise.save(Path.of("m.json"), built.model());
     * }</pre>
     *
     * @param file  where to write
     * @param model the model
     * @throws InvalidInputException if the file cannot be written
     */
    public static void save(Path file, Model model) {
        ModelFile.save(file, model.network(), model.target());
    }
}
