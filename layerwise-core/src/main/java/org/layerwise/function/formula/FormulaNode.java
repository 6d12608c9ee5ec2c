package org.layerwise.function.formula;

import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * A node of a compiled formula tree: an immutable function of the point, in three evaluation modes over the same
 * tree — {@link #eval} (doubles, exactly as exp4j), {@link #enclose} (outward-rounded intervals of the real
 * function) and {@link #taylor} (value, gradient and Hessian enclosures). The node classes are nested here; the
 * compiler ({@link FormulaCompiler}) builds them and the one-argument functions live in {@link UnaryFunction}.
 *
 * <p><b>Real semantics</b> of the enclosure modes: {@code + - * / ^} and the functions are the real operations
 * (a division by an interval holding 0 is undefined there, exp4j's exception point by point); a number is read as
 * the real it denotes when its double is an integer or a dyadic rational with at most 20 fractional bits
 * ({@code 3}, {@code 0.5}, {@code 0.375}), otherwise as the one-ulp interval around its double (which holds the
 * decimal the user wrote); {@code pi} is enclosed by {@link Interval#PI}.
 *
 * <p><b>One idea per file.</b> This file is the set of node types, one small class per operator of the formula
 * language, each stating the same three-mode contract for that operator side by side (so a reader checks that the
 * modes agree operator by operator); nothing else lives here. The range enclosures of the functions are in
 * {@link Interval} and {@code IntervalFunctions}, the one-argument chain rules in {@link UnaryFunction}, the
 * compiler in {@link FormulaCompiler} and the allocation-free Taylor evaluation in {@link FormulaTape}.
 */
abstract class FormulaNode {

    abstract double eval(double[] x);

    /** An enclosure of the node's range over the box {@code x}. */
    abstract Interval enclose(Interval[] x);

    /** The node's Taylor enclosure given those of the coordinates. */
    abstract Taylor taylor(Taylor[] x);

    /**
     * The interval mode given the enclosures of the {@linkplain #operands() operands}, left to right:
     * {@code enclose(x) = encloseFrom(operands' enclose(x))} for every node with operands ({@link FormulaTape}'s
     * interval mode calls it).
     */
    Interval encloseFrom(Interval[] c) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no operands");
    }

    /** Whether the value does not depend on the point. */
    abstract boolean constant();

    abstract int size();

    /** The operands, left to right (empty for a leaf); read when the tree is compiled to a tape. */
    abstract FormulaNode[] operands();

    /**
     * The Taylor mode given the Taylor enclosures of the {@linkplain #operands() operands}: defined by the nodes
     * whose rule is not plain arithmetic or a smooth chain rule ({@link FormulaTape} calls it for those).
     */
    Taylor combine(Taylor[] c) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no combine");
    }

    /** The real a number literal denotes, enclosed (see the class comment). */
    static Interval literal(double v) {
        if (!Double.isFinite(v)) {
            return Interval.point(v);
        }
        double scaled = v * 0x1p20;
        boolean shortDyadic = Math.abs(v) < 0x1p52 && scaled == Math.rint(scaled);
        return shortDyadic ? Interval.point(v) : Interval.around(v);
    }

    /** A constant: its double and an enclosure of the real value it stands for (null: cannot be enclosed). */
    static final class Const extends FormulaNode {
        final double c;
        private final Interval real;
        private final Taylor[] byDim = new Taylor[Taylor.MAX_DIM + 1];

        Const(double c, Interval real) {
            this.c = c;
            this.real = real;
            if (real != null) {
                for (int d = 1; d <= Taylor.MAX_DIM; d++) {
                    byDim[d] = Taylor.constant(real, d);
                }
            }
        }

        @Override
        double eval(double[] x) {
            return c;
        }

        @Override
        Interval enclose(Interval[] x) {
            if (real == null) {
                throw new UnsupportedOperationException("constant " + c + " has no enclosure");
            }
            return real;
        }

        @Override
        Taylor taylor(Taylor[] x) {
            enclose(null);
            return byDim[x.length];
        }

        /** The enclosure of the real value (null: none). */
        Interval real() {
            return real;
        }

        @Override
        FormulaNode[] operands() {
            return new FormulaNode[0];
        }

        @Override
        boolean constant() {
            return true;
        }

        @Override
        int size() {
            return 1;
        }
    }

    static final class Var extends FormulaNode {
        final int k;

        Var(int k) {
            this.k = k;
        }

        @Override
        double eval(double[] x) {
            return x[k];
        }

        @Override
        Interval enclose(Interval[] x) {
            return x[k];
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return x[k];
        }

        @Override
        FormulaNode[] operands() {
            return new FormulaNode[0];
        }

        @Override
        boolean constant() {
            return false;
        }

        @Override
        int size() {
            return 1;
        }
    }

    /** A node with one operand. */
    abstract static class One extends FormulaNode {
        final FormulaNode a;

        One(FormulaNode a) {
            this.a = a;
        }

        /** The interval mode given the operand's enclosure: {@code enclose(x) = apply(a.enclose(x))}. */
        abstract Interval apply(Interval u);

        @Override
        final Interval enclose(Interval[] x) {
            return apply(a.enclose(x));
        }

        @Override
        final Interval encloseFrom(Interval[] c) {
            return apply(c[0]);
        }

        @Override
        final boolean constant() {
            return a.constant();
        }

        @Override
        final int size() {
            return 1 + a.size();
        }

        @Override
        final FormulaNode[] operands() {
            return new FormulaNode[] {a};
        }
    }

    /**
     * A node with two operands, evaluated left then right (as exp4j's stack machine does). A variable or constant
     * operand is read inline instead of through a call (the commonest shapes: {@code x - 0.5}, {@code t^2},
     * {@code 2*pi*x}).
     */
    abstract static class Two extends FormulaNode {
        final FormulaNode a;
        final FormulaNode b;
        /** For a variable operand its coordinate, for a constant -1, otherwise -2. */
        private final int ka;
        private final int kb;
        private final double ca;
        private final double cb;

        Two(FormulaNode a, FormulaNode b) {
            this.a = a;
            this.b = b;
            this.ka = kind(a);
            this.kb = kind(b);
            this.ca = a instanceof Const c ? c.c : 0;
            this.cb = b instanceof Const c ? c.c : 0;
        }

        private static int kind(FormulaNode n) {
            return n instanceof Var v ? v.k : (n instanceof Const ? -1 : -2);
        }

        final double left(double[] x) {
            int k = ka;
            return k >= 0 ? x[k] : (k == -1 ? ca : a.eval(x));
        }

        final double right(double[] x) {
            int k = kb;
            return k >= 0 ? x[k] : (k == -1 ? cb : b.eval(x));
        }

        /** The interval mode given the operands' enclosures: {@code enclose(x) = apply(a.enclose(x), b.enclose(x))}. */
        abstract Interval apply(Interval u, Interval v);

        @Override
        Interval enclose(Interval[] x) {
            return apply(a.enclose(x), b.enclose(x));
        }

        @Override
        final Interval encloseFrom(Interval[] c) {
            return apply(c[0], c[1]);
        }

        @Override
        final boolean constant() {
            return a.constant() && b.constant();
        }

        @Override
        final int size() {
            return 1 + a.size() + b.size();
        }

        @Override
        final FormulaNode[] operands() {
            return new FormulaNode[] {a, b};
        }

        /** {@link #combine} of the operands' own Taylor enclosures. */
        final Taylor combineOperands(Taylor[] x) {
            return combine(new Taylor[] {a.taylor(x), b.taylor(x)});
        }
    }

    static final class Neg extends One {
        Neg(FormulaNode a) {
            super(a);
        }

        @Override
        double eval(double[] x) {
            return -a.eval(x);
        }

        @Override
        Interval apply(Interval u) {
            return u.negate();
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return a.taylor(x).negate();
        }
    }

    static final class Add extends Two {
        Add(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) + right(x);
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.add(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return a.taylor(x).add(b.taylor(x));
        }
    }

    static final class Sub extends Two {
        Sub(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) - right(x);
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.subtract(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return a.taylor(x).subtract(b.taylor(x));
        }
    }

    static final class Mul extends Two {
        Mul(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return left(x) * right(x);
        }

        @Override
        Interval enclose(Interval[] x) {
            if (a == b) {
                return a.enclose(x).square();
            }
            return apply(a.enclose(x), b.enclose(x));
        }

        /** The product of the operands' enclosures (a node multiplied by itself squares instead: {@link #enclose}). */
        @Override
        Interval apply(Interval u, Interval v) {
            return u.multiply(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return a.taylor(x).multiply(b.taylor(x));
        }
    }

    /** exp4j's '/': throws on a zero divisor (either sign) instead of returning an infinity or NaN. */
    static final class Div extends Two {
        Div(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            double p = left(x);
            double q = right(x);
            if (q == 0d) {
                throw new ArithmeticException("Division by zero!");
            }
            return p / q;
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.divide(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return a.taylor(x).divide(b.taylor(x));
        }
    }

    /** exp4j's '%': Java's remainder, throwing on a zero divisor. */
    static final class Mod extends Two {
        Mod(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            double p = left(x);
            double q = right(x);
            if (q == 0d) {
                throw new ArithmeticException("Division by zero!");
            }
            return p % q;
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.remainder(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return combineOperands(x);
        }

        @Override
        Taylor combine(Taylor[] c) {
            Taylor p = c[0];
            Taylor q = c[1];
            long k = p.value().truncConstant(q.value());
            if (k != Long.MIN_VALUE && b.constant()) {
                // p % q = p - k q with the same integer k on the whole box
                return p.subtract(q.multiply(Taylor.constant(Interval.point(k), p.dim())));
            }
            return p.withUnknownDerivatives().withValue(p.value().remainder(q.value()));
        }
    }

    /** {@code a^b} ({@link Math#pow}). */
    static final class Pow extends Two {
        Pow(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.pow(left(x), right(x));
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.pow(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return combineOperands(x);
        }

        @Override
        Taylor combine(Taylor[] c) {
            Taylor u = c[0];
            if (b.constant()) {
                Interval[] phi = constantPower(u.value(), c[1].value());
                if (phi == null) {
                    return u;
                }
                return phi.length == 1 ? Taylor.constant(phi[0], u.dim()) : u.compose(phi[0], phi[1], phi[2]);
            }
            // a^b = exp(b log a) for a > 0
            return UnaryFunction.EXP.taylor(c[1].multiply(UnaryFunction.LOG.taylor(u)));
        }

        /**
         * {@code t^e} for a constant exponent, as the chain rule needs it: null for {@code e = 1} (the base
         * itself), {@code {t^0}} for {@code e = 0} (a constant), otherwise {@code {t^e, e t^(e-1), e (e-1) t^(e-2)}}.
         */
        static Interval[] constantPower(Interval t, Interval e) {
            Interval v = t.pow(e);
            if (e.isPoint() && e.lo() == 0) {
                return new Interval[] {v};
            }
            if (e.isPoint() && e.lo() == 1) {
                return null;
            }
            Interval e1 = e.subtract(Interval.ONE);
            Interval d1 = e.multiply(t.pow(e1));
            Interval d2 = e.multiply(e1).multiply(t.pow(e1.subtract(Interval.ONE)));
            return new Interval[] {v, d1, d2};
        }
    }

    static final class Min extends Two {
        Min(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.min(left(x), right(x));
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.min(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return combineOperands(x);
        }

        @Override
        Taylor combine(Taylor[] c) {
            return choose(c[0], c[1], true);
        }
    }

    static final class Max extends Two {
        Max(FormulaNode a, FormulaNode b) {
            super(a, b);
        }

        @Override
        double eval(double[] x) {
            return Math.max(left(x), right(x));
        }

        @Override
        Interval apply(Interval u, Interval v) {
            return u.max(v);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return combineOperands(x);
        }

        @Override
        Taylor combine(Taylor[] c) {
            return choose(c[0], c[1], false);
        }
    }

    /**
     * {@code min(p, q)} (or max): one operand's Taylor enclosure when it is below (above) the other on the whole
     * box, otherwise the value with unknown derivatives (a kink may cross the box).
     */
    static Taylor choose(Taylor p, Taylor q, boolean min) {
        Interval u = p.value();
        Interval v = q.value();
        if (!u.maybeUndefined() && !v.maybeUndefined()) {
            if (u.hi() <= v.lo()) {
                return min ? p : q;
            }
            if (v.hi() <= u.lo()) {
                return min ? q : p;
            }
        }
        Interval value = min ? u.min(v) : u.max(v);
        return p.add(q).withUnknownDerivatives().withValue(value);
    }

    /** {@code clamp(t, lo, hi) = min(max(t, lo), hi)}. */
    static final class Clamp extends FormulaNode {
        private final FormulaNode t;
        private final FormulaNode lo;
        private final FormulaNode hi;

        Clamp(FormulaNode t, FormulaNode lo, FormulaNode hi) {
            this.t = t;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        double eval(double[] x) {
            return FormulaFunctions.clamp(t.eval(x), lo.eval(x), hi.eval(x));
        }

        @Override
        Interval enclose(Interval[] x) {
            return encloseFrom(new Interval[] {t.enclose(x), lo.enclose(x), hi.enclose(x)});
        }

        @Override
        Interval encloseFrom(Interval[] c) {
            return c[0].max(c[1]).min(c[2]);
        }

        @Override
        Taylor taylor(Taylor[] x) {
            return combine(new Taylor[] {t.taylor(x), lo.taylor(x), hi.taylor(x)});
        }

        @Override
        Taylor combine(Taylor[] c) {
            return choose(choose(c[0], c[1], false), c[2], true);
        }

        @Override
        FormulaNode[] operands() {
            return new FormulaNode[] {t, lo, hi};
        }

        @Override
        boolean constant() {
            return t.constant() && lo.constant() && hi.constant();
        }

        @Override
        int size() {
            return 1 + t.size() + lo.size() + hi.size();
        }
    }

    /** A one-argument function of {@link UnaryFunction}. */
    static class Unary extends One {
        final UnaryFunction f;

        Unary(FormulaNode a, UnaryFunction f) {
            super(a);
            this.f = f;
        }

        @Override
        double eval(double[] x) {
            return f.apply(a.eval(x));
        }

        @Override
        final Interval apply(Interval u) {
            return f.enclose(u);
        }

        @Override
        final Taylor taylor(Taylor[] x) {
            return f.taylor(a.taylor(x));
        }

        @Override
        final Taylor combine(Taylor[] c) {
            return f.taylor(c[0]);
        }
    }

    // The commonest functions get their own point evaluation (a direct call the JIT inlines).

    static final class Sin extends Unary {
        Sin(FormulaNode a) {
            super(a, UnaryFunction.SIN);
        }

        @Override
        double eval(double[] x) {
            return Math.sin(a.eval(x));
        }
    }

    static final class Cos extends Unary {
        Cos(FormulaNode a) {
            super(a, UnaryFunction.COS);
        }

        @Override
        double eval(double[] x) {
            return Math.cos(a.eval(x));
        }
    }

    static final class Exp extends Unary {
        Exp(FormulaNode a) {
            super(a, UnaryFunction.EXP);
        }

        @Override
        double eval(double[] x) {
            return Math.exp(a.eval(x));
        }
    }

    static final class Sqrt extends Unary {
        Sqrt(FormulaNode a) {
            super(a, UnaryFunction.SQRT);
        }

        @Override
        double eval(double[] x) {
            return Math.sqrt(a.eval(x));
        }
    }

    static final class Abs extends Unary {
        Abs(FormulaNode a) {
            super(a, UnaryFunction.ABS);
        }

        @Override
        double eval(double[] x) {
            return Math.abs(a.eval(x));
        }
    }

    static final class Log extends Unary {
        Log(FormulaNode a) {
            super(a, UnaryFunction.LOG);
        }

        @Override
        double eval(double[] x) {
            return Math.log(a.eval(x));
        }
    }

    /** Any other operator or function: calls exp4j's implementation (allocates); no enclosure modes. */
    static final class Generic extends FormulaNode {
        private final java.util.function.ToDoubleFunction<double[]> f;
        private final FormulaNode[] args;

        Generic(java.util.function.ToDoubleFunction<double[]> f, FormulaNode[] args) {
            this.f = f;
            this.args = args;
        }

        @Override
        double eval(double[] x) {
            double[] v = new double[args.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = args[i].eval(x);
            }
            return f.applyAsDouble(v);
        }

        @Override
        Interval enclose(Interval[] x) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }

        @Override
        Taylor taylor(Taylor[] x) {
            throw new UnsupportedOperationException("an exp4j operator without an interval version");
        }

        @Override
        FormulaNode[] operands() {
            return args.clone();
        }

        @Override
        boolean constant() {
            for (FormulaNode n : args) {
                if (!n.constant()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        int size() {
            int s = 1;
            for (FormulaNode n : args) {
                s += n.size();
            }
            return s;
        }
    }
}
