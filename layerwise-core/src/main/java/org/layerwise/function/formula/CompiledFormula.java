package org.layerwise.function.formula;

import java.util.Map;

import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

import net.objecthunter.exp4j.tokenizer.Token;

/**
 * A formula compiled from exp4j's reverse Polish tokens ({@link FormulaCompiler}) into a tree of small immutable
 * nodes ({@link FormulaNode}), with three evaluation modes over the same tree.
 *
 * <p><b>Point values.</b> For every point {@code x}, {@link #eval(double[])} returns the same double (bit for bit,
 * as compared by {@link Double#doubleToLongBits}) as exp4j 0.4.8's {@code Expression.evaluate()} on the same tokens,
 * and throws the same {@link ArithmeticException} where exp4j does (division or {@code %} by zero, {@code cot} of a
 * multiple of pi). It does so because every node applies exactly the Java operation the corresponding exp4j
 * operator or function applies ({@code +,-,*,/,%} as the IEEE operations, {@code ^} and {@code pow} as
 * {@link Math#pow}, {@code log2(t) = Math.log(t) / Math.log(2)}, exp4j's own {@code signum} (0 for NaN), ...), to the
 * same operands; precedence (for instance {@code -x^2 = -(x^2)}) is whatever exp4j's shunting-yard produced.
 *
 * <p><b>Enclosures.</b> {@link #enclose} returns an {@link Interval} holding the range of the <i>real</i> function
 * the formula denotes (see {@link FormulaNode} for how numbers are read) over a box; {@link #taylor} returns value,
 * gradient and Hessian enclosures ({@link Taylor}, {@code d <= 3}); the Taylor mode encloses the function up to a
 * set of measure zero (a box that only touches the jump of {@code step} or {@code sign}, along a level set of an
 * argument with a nonzero partial derivative, sees the constant value), which is what means and {@code L^p} norms
 * need. Both exist for every function and operator
 * of the formula language; {@link #canEnclose()} is false only for a tree that falls back to exp4j.
 *
 * <p><b>Cost.</b> One virtual call per node; no allocation and no mutable state in point mode: one instance may be
 * used by any number of threads. The Taylor mode runs on a flat tape compiled from the tree ({@link FormulaTape}:
 * primitive arrays reused per thread, the same enclosures as the tree's recursion). Constant subtrees are folded at compile time (same operations, so the same bits),
 * unless folding would throw.
 */
public final class CompiledFormula {

    private final FormulaNode root;
    private final boolean fallback;
    /** The Taylor mode as a flat tape ({@link FormulaTape}); null when the tree cannot be enclosed. */
    private final FormulaTape tape;

    private CompiledFormula(FormulaNode root, boolean fallback) {
        this.root = root;
        this.fallback = fallback;
        this.tape = fallback ? null : FormulaTape.compile(root);
    }

    /**
     * Compiles exp4j RPN tokens (as produced by {@code ShuntingYard.convertToRPN}) into a tree.
     *
     * @param rpn          the tokens in reverse Polish order
     * @param coordinateOf for every variable name, the 0-based coordinate of {@code x} it reads
     * @throws IllegalArgumentException for an unknown variable or a malformed token sequence (with exp4j's wording)
     */
    public static CompiledFormula compile(Token[] rpn, Map<String, Integer> coordinateOf) {
        FormulaCompiler.Compiled c = FormulaCompiler.compile(rpn, coordinateOf);
        return new CompiledFormula(c.root(), c.fallback());
    }

    /** {@code f(x)}; see the class contract. Thread-safe, allocation-free. */
    public double eval(double[] x) {
        return root.eval(x);
    }

    /**
     * An enclosure of {@code {f(x) : x_i in box[i]}} for the real function; undefined parts are flagged
     * ({@link Interval#maybeUndefined()}), a box where {@code f} is nowhere defined gives {@link Interval#EMPTY}.
     *
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public Interval enclose(Interval[] box) {
        return root.enclose(box);
    }

    /**
     * {@link #enclose(Interval[])} of the box {@code prod_k [lo[k], hi[k]]}, bit for bit, on the flat tape
     * ({@link FormulaTape}: no tree recursion, the arithmetic on primitive arrays reused per thread). With
     * {@code lo = hi} it is the point enclosure of the real {@code f} at a double point.
     *
     * @param lo lower bounds of the box, one per coordinate ({@code lo[k] <= hi[k]})
     * @param hi upper bounds of the box
     * @return an enclosure of {@code {f(x) : lo <= x <= hi}} for the real function, flagged where it may be undefined
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public Interval enclose(double[] lo, double[] hi) {
        if (tape == null) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }
        return tape.enclose(lo, hi);
    }

    /**
     * First-order enclosures (value and gradient, no Hessian) of {@code f} over the box
     * {@code prod_k [lo[k], hi[k]]}, on the flat tape: the same bounds as the value and gradient of
     * {@link #taylorOnBox} ({@link FormulaTape}), about a third of its cost in {@code d = 2}; allocation-free except for
     * the small objects of the smooth functions' derivatives.
     *
     * @param lo  lower corner ({@code lo = hi}: a double point)
     * @param hi  upper corner
     * @param out receives {@code [out[0], out[1]]} the value, {@code [out[2 + 2i], out[3 + 2i]]} the partial
     *            derivative {@code i} ({@code 2 + 2d} entries)
     * @return true when all are bounded and defined
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public boolean firstOrder(double[] lo, double[] hi, double[] out) {
        if (tape == null) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }
        return tape.firstOrder(lo, hi, out);
    }

    /**
     * {@link #firstOrder(double[], double[], double[])} at {@code n} double points, in one pass over the tape for up
     * to 64 points at a time (each operation applied to all of them before the next): the same bounds and results,
     * point by point.
     *
     * @param d   the dimension
     * @param x   the points: coordinate {@code i} of point {@code q} at {@code x[i * n + q]}, not NaN
     * @param n   the number of points
     * @param out {@code (2 + 2d) n} entries, written: entry {@code e} of the single-point {@code out} of point
     *            {@code q} at {@code out[e * n + q]}
     * @param ok  {@code n} entries, written: whether point {@code q}'s entries are all bounded and defined
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public void firstOrder(int d, double[] x, int n, double[] out, boolean[] ok) {
        if (tape == null) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }
        tape.firstOrder(d, x, n, out, ok);
    }

    /**
     * The Taylor enclosure of {@code f} given those of the coordinates (normally
     * {@link Taylor#variable}{@code (k, box[k], d)}).
     *
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public Taylor taylor(Taylor[] coordinates) {
        if (tape == null) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }
        return tape.of(coordinates);
    }

    /**
     * The Taylor enclosure of {@code f} over the box {@code prod_k box[k]}: the same as {@link #taylor} of
     * {@link Taylor#variable}{@code (k, box[k], d)}, without making the coordinates' enclosures.
     *
     * @throws UnsupportedOperationException if {@link #canEnclose()} is false
     */
    public Taylor taylorOnBox(Interval[] box) {
        if (tape == null) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }
        return tape.onBox(box);
    }

    /** {@link #taylor} by the tree's own recursion (the reference the tape is tested against). */
    Taylor taylorByTree(Taylor[] coordinates) {
        return root.taylor(coordinates);
    }

    /** Whether {@link #enclose} and {@link #taylor} are available (no node falls back to exp4j). */
    public boolean canEnclose() {
        return !fallback;
    }

    /** Whether some operator or function had no dedicated node and is evaluated through exp4j (allocating). */
    boolean usesFallback() {
        return fallback;
    }

    /** The number of nodes in the tree (after constant folding). */
    int size() {
        return root.size();
    }
}
