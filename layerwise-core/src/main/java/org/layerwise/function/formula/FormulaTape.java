package org.layerwise.function.formula;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.layerwise.numeric.Interval;
import org.layerwise.numeric.IntervalArrays;
import org.layerwise.numeric.Taylor;

/**
 * The Taylor mode of a compiled formula ({@link FormulaNode#taylor}) as a flat tape: the tree is compiled once into
 * a list of operations in evaluation order (operands before the node, a node shared by two parents evaluated
 * once), each writing one <i>slot</i> of primitive arrays; one evaluation reuses the calling thread's scratch
 * arrays, so the arithmetic of a cell allocates nothing.
 *
 * <p><b>Slot.</b> In dimension {@code d} a slot holds {@code K = 1 + d + d(d+1)/2} intervals in
 * {@link IntervalArrays} form: the value, the gradient and the packed Hessian ({@link Taylor#index}).
 *
 * <p><b>Same numbers as the tree.</b> {@code + - *}, {@code /} (as {@code u * (1/v)}), the chain rule of the smooth
 * one-argument functions and of a power with a constant exponent run on the arrays with exactly the operations of
 * {@link Taylor} in the same order ({@link IntervalArrays} reproduces {@link Interval} bound for bound); the
 * enclosures of {@code phi(U)}, {@code phi'(U)}, {@code phi''(U)} of those functions come from the same code as the
 * tree's ({@link UnaryFunction#derivatives}, {@link FormulaNode.Pow#constantPower}, three to six small objects per
 * such node; {@code u^2} entirely on the arrays). The remaining nodes ({@code min}, {@code max}, {@code clamp}, {@code %}, a power with a variable
 * exponent, {@code abs}, {@code floor}, {@code ceil}, {@code sign}, {@code step}) read their operands' slots as
 * {@link Taylor} objects and call the tree's own rule ({@link FormulaNode#combine}). Hence the tape returns the
 * tree's enclosure, bit for bit (the tape test checks it on random boxes, non-smooth targets included).
 *
 * <p><b>First order</b> ({@link #firstOrder}): the same run on slots of {@code 1 + d} entries (value and gradient),
 * every Hessian loop skipped; the value and gradient entries are those of the full run, since none of them reads a
 * Hessian entry (the tree's rules get Hessian entries {@link Interval#ENTIRE} there and do not read them either).
 * There {@code sin}, {@code cos}, {@code sqrt} and {@code exp} take {@code phi(U)} and {@code phi'(U)} on the arrays
 * ({@link UnaryFunction#firstOrder}: the same intervals as the objects, no allocation), and a run may take up to
 * {@link #LANES} points at once ({@link #firstOrder(int, double[], int, double[], boolean[])}: each operation over
 * every point before the next, every point in its own lane of the scratch, so each gets its single-point result).
 * The interval mode takes the same four functions on the arrays.
 *
 * <p>Thread-safe: the tape is immutable, the scratch is per thread and per dimension.
 */
final class FormulaTape {

    private static final int CONST = 0;
    private static final int VAR = 1;
    private static final int NEG = 2;
    private static final int ADD = 3;
    private static final int SUB = 4;
    private static final int MUL = 5;
    private static final int DIV = 6;
    private static final int SMOOTH = 7;
    private static final int POW = 8;
    private static final int COMBINE = 9;
    /** {@code u^2} with the literal exponent 2. */
    private static final int SQUARE = 10;
    /** Temporary intervals at the end of the scratch. */
    private static final int TEMPS = 7;

    private final int[] op;
    /** Operand slots (for DIV, {@code c} is the slot of {@code 1/b}). */
    private final int[] a;
    private final int[] b;
    private final int[] c;
    private final int[][] operands;
    /** The number of the node's own operands (the first {@code arity} entries of {@link #operands}). */
    private final int[] arity;
    private final FormulaNode[] node;
    private final int slots;
    private final int root;
    private final ThreadLocal<Scratch[]> scratch = ThreadLocal.withInitial(() -> new Scratch[Taylor.MAX_DIM + 1]);
    /** The first-order scratch ({@link #firstOrder}), per thread and dimension. */
    private final ThreadLocal<Scratch[]> scratch1 = ThreadLocal.withInitial(() -> new Scratch[Taylor.MAX_DIM + 1]);
    /** The scratch of the first-order runs over several points, per thread and dimension. */
    private final ThreadLocal<Scratch[]> scratchLanes = ThreadLocal.withInitial(() -> new Scratch[Taylor.MAX_DIM + 1]);
    private final ThreadLocal<Values> values;

    private FormulaTape(List<Integer> op, List<int[]> args, List<Integer> arity, List<FormulaNode> node, int slots,
                        int root) {
        int n = op.size();
        this.arity = new int[n];
        this.op = new int[n];
        this.a = new int[n];
        this.b = new int[n];
        this.c = new int[n];
        this.operands = new int[n][];
        this.node = node.toArray(new FormulaNode[0]);
        for (int i = 0; i < n; i++) {
            this.op[i] = op.get(i);
            int[] s = args.get(i);
            this.operands[i] = s;
            this.a[i] = s.length > 0 ? s[0] : -1;
            this.b[i] = s.length > 1 ? s[1] : -1;
            this.c[i] = s.length > 2 ? s[2] : -1;
            this.arity[i] = arity.get(i);
        }
        this.slots = slots;
        this.root = root;
        this.values = ThreadLocal.withInitial(() -> new Values(slots));
    }

    /** Compiles a tree that can be enclosed (no {@link FormulaNode.Generic} node). */
    static FormulaTape compile(FormulaNode rootNode) {
        Builder bld = new Builder();
        int r = bld.slotOf(rootNode);
        return new FormulaTape(bld.op, bld.args, bld.arity, bld.node, bld.slots, r);
    }

    private static final class Builder {
        final List<Integer> op = new ArrayList<>();
        final List<int[]> args = new ArrayList<>();
        final List<Integer> arity = new ArrayList<>();
        final List<FormulaNode> node = new ArrayList<>();
        final Map<FormulaNode, Integer> done = new IdentityHashMap<>();
        int slots;

        int slotOf(FormulaNode n) {
            Integer s = done.get(n);
            if (s != null) {
                return s;
            }
            FormulaNode[] kids = n.operands();
            int[] k = new int[kids.length];
            for (int i = 0; i < kids.length; i++) {
                k[i] = slotOf(kids[i]);
            }
            int code = code(n);
            arity.add(kids.length);
            if (code == DIV) {
                k = new int[] {k[0], k[1], slots++}; // the slot of 1/b
            }
            int mine = slots++;
            op.add(code);
            // the operation writes slot 'mine' = its index in the op list only if every op has one slot; keep both
            args.add(append(k, mine));
            node.add(n);
            done.put(n, mine);
            return mine;
        }

        private static int[] append(int[] k, int last) {
            int[] out = java.util.Arrays.copyOf(k, k.length + 1);
            out[k.length] = last;
            return out;
        }

        private static int code(FormulaNode n) {
            if (n instanceof FormulaNode.Const) {
                return CONST;
            }
            if (n instanceof FormulaNode.Var) {
                return VAR;
            }
            if (n instanceof FormulaNode.Neg) {
                return NEG;
            }
            if (n instanceof FormulaNode.Add) {
                return ADD;
            }
            if (n instanceof FormulaNode.Sub) {
                return SUB;
            }
            if (n instanceof FormulaNode.Mul) {
                return MUL;
            }
            if (n instanceof FormulaNode.Div) {
                return DIV;
            }
            if (n instanceof FormulaNode.Unary u && u.f.isSmooth()) {
                return SMOOTH;
            }
            if (n instanceof FormulaNode.Pow p && p.b instanceof FormulaNode.Const e && e.real() != null
                    && e.real().isPoint() && e.real().lo() == 2) {
                return SQUARE;
            }
            if (n instanceof FormulaNode.Pow p && p.b.constant()) {
                return POW;
            }
            if (n instanceof FormulaNode.Generic) {
                throw new UnsupportedOperationException("an exp4j operator without an interval version");
            }
            return COMBINE;
        }
    }

    /**
     * One thread's arrays for dimension {@code d}: {@code k} entries per slot, {@code 1 + d + d(d+1)/2} for the
     * second-order mode, {@code 1 + d} (value and gradient) for the first-order one; {@code lanes} copies of the
     * slots and temporaries, one per point of a run over several points ({@link #firstOrder(double[], int, double[],
     * boolean[])}), lane {@code l} from entry {@code l * stride} on.
     */
    private static final class Scratch {
        final int d;
        final int k;
        final int lanes;
        final int stride;
        final double[] lo;
        final double[] hi;
        final boolean[] und;
        /** The first temporary entry, relative to a lane's first entry. */
        final int temp;
        /** Whether the slots hold the Hessian entries (false: the first-order mode). */
        final boolean second;
        /**
         * Whether the constants' slots have been written (by a previous run): only a constant's own operation writes
         * its slot, so they keep their entries from run to run.
         */
        boolean constantsWritten;

        Scratch(int d, int slots) {
            this(d, slots, 1 + d + d * (d + 1) / 2, 1);
        }

        Scratch(int d, int slots, int k, int lanes) {
            this.d = d;
            this.k = k;
            this.lanes = lanes;
            this.stride = (slots + TEMPS) * k;
            this.lo = new double[stride * lanes];
            this.hi = new double[lo.length];
            this.und = new boolean[lo.length];
            this.temp = slots * k;
            this.second = k > 1 + d;
        }
    }

    private Scratch scratch(int d) {
        Scratch[] byDim = scratch.get();
        Scratch s = byDim[d];
        if (s == null) {
            s = new Scratch(d, slots);
            byDim[d] = s;
        }
        return s;
    }

    /**
     * First order: enclosures of the value and the gradient of the formula over the box
     * {@code prod_k [lo[k], hi[k]]} ({@code lo = hi}: at a double point), the same bounds and flags as the value
     * and gradient entries of {@link #onBox} (the same operations on them in the same order, without the Hessian
     * entries: no entry of the value or the gradient of a node depends on a Hessian entry of its operands; the
     * nodes evaluated by the tree's rule get operands whose Hessian entries are {@link Interval#ENTIRE}, and the
     * rules' value and gradient entries do not read them). About a third of the operations of {@link #onBox} in
     * {@code d = 2}, for the affine model of a box, which needs the centre's value and gradient only.
     *
     * @param lo  lower corner, one entry per coordinate
     * @param hi  upper corner ({@code hi[k] >= lo[k]})
     * @param out written: entry {@code 0} the value, {@code 1 + i} the partial derivative {@code i}, as
     *            {@code [out[2e], out[2e + 1]]}
     * @return true when every entry is bounded and defined (else {@code out} is unspecified)
     */
    boolean firstOrder(double[] lo, double[] hi, double[] out) {
        int d = lo.length;
        Scratch[] byDim = scratch1.get();
        Scratch s = byDim[d];
        if (s == null) {
            s = new Scratch(d, slots, 1 + d, 1);
            byDim[d] = s;
        }
        for (int i = 0; i < d; i++) {
            if (!(lo[i] <= hi[i])) {
                throw new IllegalArgumentException("not a box: [" + lo[i] + ", " + hi[i] + "] on axis " + (i + 1));
            }
        }
        run(s, 1, null, null, lo, hi);
        return readFirst(s, 0, out, 0, 1);
    }

    /** Points per run of {@link #firstOrder(double[], int, double[], boolean[])} (a patch of 4^3 boxes). */
    static final int LANES = 64;

    /**
     * {@link #firstOrder(double[], double[], double[])} at {@code n} double points in one pass over the tape (each
     * operation applied to every point before the next, {@link #LANES} points at a time): the same bounds and
     * results point by point.
     *
     * @param d   the dimension
     * @param x   the points, coordinate {@code i} of point {@code q} at {@code x[i * n + q]}
     * @param n   the number of points
     * @param out written: entry {@code e} of {@link #firstOrder(double[], double[], double[])}'s {@code out} for
     *            point {@code q} at {@code out[e * n + q]}
     * @param ok  written: {@code ok[q]} its result for point {@code q}
     */
    void firstOrder(int d, double[] x, int n, double[] out, boolean[] ok) {
        for (int i = 0; i < d * n; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException("not a point: NaN on axis " + (i / n + 1));
            }
        }
        Scratch[] byDim = scratchLanes.get();
        Scratch s = byDim[d];
        if (s == null) {
            s = new Scratch(d, slots, 1 + d, LANES);
            byDim[d] = s;
        }
        if (n <= LANES) {
            run(s, n, null, null, x, x);
            for (int q = 0; q < n; q++) {
                ok[q] = readFirst(s, q, out, q, n);
            }
            return;
        }
        double[] part = new double[d * LANES];
        double[] partOut = new double[2 * s.k * LANES];
        boolean[] partOk = new boolean[LANES];
        for (int from = 0; from < n; from += LANES) {
            int m = Math.min(LANES, n - from);
            for (int i = 0; i < d; i++) {
                System.arraycopy(x, i * n + from, part, i * m, m);
            }
            run(s, m, null, null, part, part);
            for (int q = 0; q < m; q++) {
                partOk[q] = readFirst(s, q, partOut, q, m);
            }
            for (int e = 0; e < 2 * s.k; e++) {
                System.arraycopy(partOut, e * m, out, e * n + from, m);
            }
            System.arraycopy(partOk, 0, ok, from, m);
        }
    }

    /**
     * The root's value and gradient of lane {@code lane} into {@code out[(2e) * n + q]}, {@code out[(2e + 1) * n + q]};
     * whether every entry is bounded and defined.
     */
    private boolean readFirst(Scratch s, int lane, double[] out, int q, int n) {
        int at = lane * s.stride + root * s.k;
        boolean ok = true;
        for (int e = 0; e < s.k; e++) {
            double l = s.lo[at + e];
            double h = s.hi[at + e];
            ok &= !s.und[at + e] && l <= h && l > Double.NEGATIVE_INFINITY && h < Double.POSITIVE_INFINITY;
            out[2 * e * n + q] = l;
            out[(2 * e + 1) * n + q] = h;
        }
        return ok;
    }

    /**
     * The Taylor enclosure of the formula over the box {@code prod_k box[k]} (the coordinates as
     * {@link Taylor#variable}{@code (k, box[k], d)}).
     */
    Taylor onBox(Interval[] box) {
        Scratch s = scratch(box.length);
        run(s, 1, box, null, null, null);
        return read(s, root * s.k);
    }

    /** The Taylor enclosure given those of the coordinates, as {@link FormulaNode#taylor}. */
    Taylor of(Taylor[] coordinates) {
        Scratch s = scratch(coordinates.length);
        run(s, 1, null, coordinates, null, null);
        return read(s, root * s.k);
    }

    /**
     * One run of the tape over {@code n} lanes of {@code s}: the coordinates from {@code box}, else from
     * {@code coords} (one lane), else lane {@code q}'s from the box {@code [lo[v * n + q], hi[v * n + q]]} (the same
     * entries as {@code box} would give). Each operation is applied to every lane before the next one; a lane's
     * entries are those of a run of that lane alone.
     */
    private void run(Scratch s, int n, Interval[] box, Taylor[] coords, double[] lo, double[] hi) {
        int ops = op.length;
        int k = s.k;
        int stride = s.stride;
        boolean constants = !s.constantsWritten;
        for (int i = 0; i < ops; i++) {
            int[] args = operands[i];
            int dst = args[args.length - 1] * k;
            int x = a[i] * k;
            int y = b[i] * k;
            switch (op[i]) {
                case CONST -> {
                    if (constants) {
                        Interval v = ((FormulaNode.Const) node[i]).real();
                        for (int q = 0; q < s.lanes; q++) { // every lane once: constants are not written again
                            constant(s, q * stride + dst, v);
                        }
                    }
                }
                case VAR -> {
                    int v = ((FormulaNode.Var) node[i]).k;
                    for (int q = 0, o = 0; q < n; q++, o += stride) {
                        if (box != null) {
                            variable(s, o + dst, v, box[v]);
                        } else if (coords != null) {
                            write(s, o + dst, coords[v]);
                        } else {
                            variable(s, o + dst, v, lo[v * n + q], hi[v * n + q]);
                        }
                    }
                }
                case NEG -> {
                    for (int o = 0; o < n * stride; o += stride) {
                        negate(s, o + dst, o + x);
                    }
                }
                case ADD, SUB -> {
                    boolean minus = op[i] == SUB;
                    for (int o = 0; o < n * stride; o += stride) {
                        add(s, o + dst, o + x, o + y, minus);
                    }
                }
                case MUL -> {
                    for (int o = 0; o < n * stride; o += stride) {
                        multiply(s, o + dst, o + x, o + y, o + s.temp);
                    }
                }
                case DIV -> {
                    int rec = c[i] * k;
                    for (int o = 0; o < n * stride; o += stride) {
                        Interval[] phi = Taylor.reciprocalDerivatives(value(s, o + y));
                        compose(s, o + rec, o + y, phi[0], phi[1], phi[2], o + s.temp);
                        multiply(s, o + dst, o + x, o + rec, o + s.temp);
                    }
                }
                case SMOOTH -> {
                    UnaryFunction f = ((FormulaNode.Unary) node[i]).f;
                    for (int o = 0; o < n * stride; o += stride) {
                        smooth(s, f, o + dst, o + x, o + s.temp);
                    }
                }
                case SQUARE -> {
                    for (int o = 0; o < n * stride; o += stride) {
                        if (s.lo[o + x] > s.hi[o + x]) {
                            for (int e = 0; e < k; e++) { // as constantPower of an empty base: all empty
                                IntervalArrays.set(s.lo, s.hi, s.und, o + dst + e, Double.POSITIVE_INFINITY,
                                        Double.NEGATIVE_INFINITY, true);
                            }
                        } else {
                            square(s, o + dst, o + x, o + s.temp);
                        }
                    }
                }
                case POW -> {
                    for (int o = 0; o < n * stride; o += stride) {
                        Interval e = value(s, o + y);
                        Interval[] phi = FormulaNode.Pow.constantPower(value(s, o + x), e);
                        if (phi == null) {
                            copy(s, o + dst, o + x);
                        } else if (phi.length == 1) {
                            constant(s, o + dst, phi[0]);
                        } else {
                            compose(s, o + dst, o + x, phi[0], phi[1], phi[2], o + s.temp);
                        }
                    }
                }
                default -> {
                    for (int o = 0; o < n * stride; o += stride) {
                        Taylor[] in = new Taylor[args.length - 1];
                        for (int j = 0; j < in.length; j++) {
                            in[j] = read(s, o + args[j] * k);
                        }
                        write(s, o + dst, node[i].combine(in));
                    }
                }
            }
        }
        s.constantsWritten = true;
    }

    /**
     * A smooth one-argument function of the slot at {@code x} into {@code dst} by the chain rule, temporaries from
     * {@code t}: in the first-order mode {@code phi(U)} and {@code phi'(U)} on the arrays where the function has that
     * form ({@link UnaryFunction#firstOrder}: the same intervals), otherwise from {@link UnaryFunction#enclose} and
     * {@link UnaryFunction#derivatives} ({@code phi'} only in the first-order mode).
     */
    private static void smooth(Scratch s, UnaryFunction f, int dst, int x, int t) {
        int p0 = t + 4;
        if (!s.second && f.firstOrder(s.lo, s.hi, s.und, x, p0, p0 + 1)) {
            compose(s, dst, x, p0, t);
            return;
        }
        Interval u = value(s, x);
        Interval v = f.enclose(u);
        Interval[] d = f.derivatives(u, v, s.second); // first order: phi' only
        compose(s, dst, x, v, d[0], s.second ? d[1] : Interval.ENTIRE, t);
    }

    /** One thread's arrays for the interval mode: one interval per slot, and the operand arrays of a node. */
    private static final class Values {
        final double[] lo;
        final double[] hi;
        final boolean[] und;
        final Interval[][] args = {new Interval[0], new Interval[1], new Interval[2], new Interval[3]};

        Values(int slots) {
            lo = new double[slots];
            hi = new double[slots];
            und = new boolean[slots];
        }
    }

    /**
     * The interval mode ({@link FormulaNode#enclose}) over the box {@code prod_k [lo[k], hi[k]]}: the tree's
     * enclosure bit for bit, each node applying its own rule to its operands' enclosures in the same order
     * ({@code + - *} and a node times itself on the arrays by {@link IntervalArrays}, which reproduces
     * {@link Interval}; every other node through {@link FormulaNode#encloseFrom}, allocating its operands' and its
     * result's {@link Interval}). A shared subtree is evaluated once.
     */
    Interval enclose(double[] lo, double[] hi) {
        Values v = values.get();
        double[] l = v.lo;
        double[] h = v.hi;
        boolean[] u = v.und;
        int n = op.length;
        for (int i = 0; i < n; i++) {
            int[] args = operands[i];
            int dst = args[args.length - 1];
            switch (op[i]) {
                case CONST -> {
                    Interval c = node[i].enclose(null);
                    IntervalArrays.set(l, h, u, dst, c.lo(), c.hi(), c.maybeUndefined());
                }
                case VAR -> {
                    int k = ((FormulaNode.Var) node[i]).k;
                    IntervalArrays.set(l, h, u, dst, lo[k], hi[k], false);
                }
                case NEG -> {
                    int x = a[i];
                    if (l[x] > h[x]) {
                        IntervalArrays.set(l, h, u, dst, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true);
                    } else {
                        IntervalArrays.set(l, h, u, dst, -h[x], -l[x], u[x]);
                    }
                }
                case ADD -> IntervalArrays.add(l, h, u, dst, l[a[i]], h[a[i]], u[a[i]], l[b[i]], h[b[i]], u[b[i]]);
                case SUB -> IntervalArrays.add(l, h, u, dst, l[a[i]], h[a[i]], u[a[i]], -h[b[i]], -l[b[i]], u[b[i]]);
                case MUL -> {
                    int x = a[i];
                    int y = b[i];
                    if (x == y) {
                        IntervalArrays.square(l, h, u, dst, l[x], h[x], u[x]);
                    } else {
                        IntervalArrays.multiply(l, h, u, dst, l[x], h[x], u[x], l[y], h[y], u[y]);
                    }
                }
                case SQUARE -> IntervalArrays.square(l, h, u, dst, l[a[i]], h[a[i]], u[a[i]]); // u.pow([2, 2])
                case SMOOTH -> {
                    // sin, cos, sqrt, exp on the arrays (the same interval as the node's rule)
                    if (!((FormulaNode.Unary) node[i]).f.enclose(l, h, u, a[i], dst)) {
                        byRule(v, i, args, dst);
                    }
                }
                default -> byRule(v, i, args, dst);
            }
        }
        return IntervalArrays.get(l, h, u, root);
    }

    /** Node {@code i} of the interval mode by its own rule ({@link FormulaNode#encloseFrom}) into entry {@code dst}. */
    private void byRule(Values v, int i, int[] args, int dst) {
        Interval[] in = v.args[arity[i]];
        for (int j = 0; j < in.length; j++) {
            in[j] = IntervalArrays.get(v.lo, v.hi, v.und, args[j]);
        }
        Interval r = node[i].encloseFrom(in);
        IntervalArrays.set(v.lo, v.hi, v.und, dst, r.lo(), r.hi(), r.maybeUndefined());
    }

    // ------------------------------------------------------------------ slot operations (as Taylor's methods)

    private static Interval value(Scratch s, int at) {
        return IntervalArrays.get(s.lo, s.hi, s.und, at);
    }

    private static void put(Scratch s, int at, Interval v) {
        IntervalArrays.set(s.lo, s.hi, s.und, at, v.lo(), v.hi(), v.maybeUndefined());
    }

    /** {@link Taylor#constant}: the value, every derivative exactly 0. */
    private static void constant(Scratch s, int dst, Interval v) {
        put(s, dst, v);
        derivatives(s, dst, -1);
    }

    /** {@link Taylor#variable}. */
    private static void variable(Scratch s, int dst, int v, Interval range) {
        put(s, dst, range);
        derivatives(s, dst, v);
    }

    /** {@link Taylor#variable} of the range {@code [lo, hi]}, as {@code variable(s, dst, v, Interval.of(lo, hi))}. */
    private static void variable(Scratch s, int dst, int v, double lo, double hi) {
        IntervalArrays.set(s.lo, s.hi, s.und, dst, lo, hi, false);
        derivatives(s, dst, v);
    }

    /** The derivative entries of slot {@code dst}: all 0, but 1 for the gradient along {@code v} ({@code v >= 0}). */
    private static void derivatives(Scratch s, int dst, int v) {
        for (int e = 1; e < s.k; e++) {
            IntervalArrays.set(s.lo, s.hi, s.und, dst + e, 0, 0, false);
        }
        if (v >= 0) {
            IntervalArrays.set(s.lo, s.hi, s.und, dst + 1 + v, 1, 1, false);
        }
    }

    private static void copy(Scratch s, int dst, int src) {
        System.arraycopy(s.lo, src, s.lo, dst, s.k);
        System.arraycopy(s.hi, src, s.hi, dst, s.k);
        System.arraycopy(s.und, src, s.und, dst, s.k);
    }

    private static void write(Scratch s, int dst, Taylor t) {
        int d = s.d;
        put(s, dst, t.value());
        for (int i = 0; i < d; i++) {
            put(s, dst + 1 + i, t.gradient(i));
        }
        for (int j = 0; j < d && s.second; j++) {
            for (int i = 0; i <= j; i++) {
                put(s, dst + 1 + d + Taylor.index(i, j), t.hessian(i, j));
            }
        }
    }

    /** The slot whose first entry is {@code at} as a {@link Taylor}. */
    private static Taylor read(Scratch s, int at) {
        int d = s.d;
        Interval[] g = new Interval[d];
        Interval[] h = new Interval[d * (d + 1) / 2];
        for (int i = 0; i < d; i++) {
            g[i] = value(s, at + 1 + i);
        }
        for (int i = 0; i < h.length; i++) {
            // the first-order mode has no Hessian entries: unknown (the rules' value and gradient do not read them)
            h[i] = s.second ? value(s, at + 1 + d + i) : Interval.ENTIRE;
        }
        return Taylor.of(value(s, at), g, h);
    }

    /** {@link Taylor#negate}. */
    private static void negate(Scratch s, int dst, int x) {
        for (int e = 0; e < s.k; e++) {
            double l = s.lo[x + e];
            double h = s.hi[x + e];
            if (l > h) {
                IntervalArrays.set(s.lo, s.hi, s.und, dst + e, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        true);
            } else {
                IntervalArrays.set(s.lo, s.hi, s.und, dst + e, -h, -l, s.und[x + e]);
            }
        }
    }

    /** {@link Taylor#add}, or {@link Taylor#subtract} ({@code x + (-y)}) entry by entry. */
    private static void add(Scratch s, int dst, int x, int y, boolean minus) {
        double[] lo = s.lo;
        double[] hi = s.hi;
        boolean[] und = s.und;
        for (int e = 0; e < s.k; e++) {
            double yl = minus ? -hi[y + e] : lo[y + e];
            double yh = minus ? -lo[y + e] : hi[y + e];
            IntervalArrays.add(lo, hi, und, dst + e, lo[x + e], hi[x + e], und[x + e], yl, yh, und[y + e]);
        }
    }

    /** {@code out = p * q} of entries. */
    private static void mul(Scratch s, int out, int p, int q) {
        IntervalArrays.multiply(s.lo, s.hi, s.und, out, s.lo[p], s.hi[p], s.und[p], s.lo[q], s.hi[q], s.und[q]);
    }

    /** {@code out = p + q} of entries. */
    private static void sum(Scratch s, int out, int p, int q) {
        IntervalArrays.add(s.lo, s.hi, s.und, out, s.lo[p], s.hi[p], s.und[p], s.lo[q], s.hi[q], s.und[q]);
    }

    /** Whether the slot at {@code at} has a non-empty value and every derivative exactly {@code [0, 0]} (defined). */
    private static boolean constantSlot(Scratch s, int at) {
        if (!(s.lo[at] <= s.hi[at])) {
            return false;
        }
        for (int e = 1; e < s.k; e++) {
            if (s.lo[at + e] != 0 || s.hi[at + e] != 0 || s.und[at + e]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every entry of the slot at {@code at} is non-empty and defined. */
    private static boolean plainSlot(Scratch s, int at) {
        for (int e = 0; e < s.k; e++) {
            if (!(s.lo[at + e] <= s.hi[at + e]) || s.und[at + e]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link Taylor#multiply}: {@code (uv)_i = u_i v + u v_i}, {@code (uv)_ij = u_ij v + (u_i v_j + u_j v_i) + u v_ij}.
     * When one factor is a constant (its derivatives exactly {@code [0, 0]}, defined) and every entry of the other
     * is non-empty and defined, every entry is the other's entry times the constant: the terms with a zero factor
     * are then exactly {@code [0, 0]}, unflagged, and adding them returns the other term unchanged, so this is the
     * same result with {@code K} products instead of all of them.
     */
    private static void multiply(Scratch s, int dst, int x, int y, int t) {
        boolean cy = constantSlot(s, y) && plainSlot(s, x);
        if (cy || (constantSlot(s, x) && plainSlot(s, y))) {
            int c = cy ? y : x;
            int u = cy ? x : y;
            for (int e = s.k - 1; e >= 0; e--) { // the value last: dst may be one of the operands
                if (cy) {
                    mul(s, dst + e, u + e, c);
                } else {
                    mul(s, dst + e, c, u + e);
                }
            }
            return;
        }
        int d = s.d;
        int t0 = t;
        int t1 = t0 + 1;
        int t2 = t0 + 2;
        for (int i = 0; i < d; i++) {
            mul(s, t0, x + 1 + i, y);
            mul(s, t1, x, y + 1 + i);
            sum(s, dst + 1 + i, t0, t1);
        }
        for (int j = 0; j < d && s.second; j++) {
            for (int i = 0; i <= j; i++) {
                int h = 1 + d + Taylor.index(i, j);
                mul(s, t0, x + 1 + i, y + 1 + j);
                mul(s, t1, x + 1 + j, y + 1 + i);
                sum(s, t2, t0, t1); // cross
                mul(s, t0, x + h, y);
                sum(s, t0, t0, t2);
                mul(s, t1, x, y + h);
                sum(s, dst + h, t0, t1);
            }
        }
        mul(s, dst, x, y);
    }

    /** {@link Taylor#compose}: {@code g_i = phi' u_i}, {@code h_ij = phi'' (u_i u_j) + phi' u_ij}. */
    private static void compose(Scratch s, int dst, int x, Interval phi, Interval phi1, Interval phi2, int t) {
        int p0 = t + 4;
        put(s, p0, phi);
        put(s, p0 + 1, phi1);
        put(s, p0 + 2, phi2);
        compose(s, dst, x, p0, t);
    }

    /**
     * {@code u^2} as {@link FormulaNode.Pow#constantPower} gives it for the exponent {@code [2, 2]}: {@code phi(U) =
     * U.square()}, {@code phi' = [2, 2] * U}, {@code phi'' = [2, 2]} (with U's flag), then the chain rule.
     */
    private static void square(Scratch s, int dst, int x, int t) {
        int p0 = t + 4;
        double l = s.lo[x];
        double h = s.hi[x];
        boolean p = s.und[x];
        IntervalArrays.square(s.lo, s.hi, s.und, p0, l, h, p);
        IntervalArrays.multiply(s.lo, s.hi, s.und, p0 + 1, 2, 2, false, l, h, p);
        IntervalArrays.set(s.lo, s.hi, s.und, p0 + 2, 2, 2, p);
        compose(s, dst, x, p0, t);
    }

    /**
     * {@link #compose} with {@code phi, phi', phi''} in entries {@code p0, p0 + 1, p0 + 2} (temporaries; the first
     * order reads {@code phi, phi'} only), other temporaries from {@code t}.
     */
    private static void compose(Scratch s, int dst, int x, int p0, int t) {
        int d = s.d;
        int t0 = t;
        int t1 = t0 + 1;
        int p1 = p0 + 1;
        int p2 = p0 + 2;
        for (int i = 0; i < d; i++) {
            mul(s, dst + 1 + i, p1, x + 1 + i);
        }
        for (int j = 0; j < d && s.second; j++) {
            for (int i = 0; i <= j; i++) {
                int h = 1 + d + Taylor.index(i, j);
                if (i == j) {
                    int g = x + 1 + i;
                    IntervalArrays.square(s.lo, s.hi, s.und, t0, s.lo[g], s.hi[g], s.und[g]);
                } else {
                    mul(s, t0, x + 1 + i, x + 1 + j);
                }
                mul(s, t0, p2, t0);
                mul(s, t1, p1, x + h);
                sum(s, dst + h, t0, t1);
            }
        }
        IntervalArrays.set(s.lo, s.hi, s.und, dst, s.lo[p0], s.hi[p0], s.und[p0]);
    }
}
