package org.layerwise.function.formula;

import java.util.Map;

import org.layerwise.numeric.Interval;
import org.layerwise.numeric.IntervalArrays;
import org.layerwise.numeric.Taylor;

/**
 * The one-argument functions of the formula language, each in three modes over the same definition:
 * <ul>
 *   <li>{@link #apply(double)}: the double exp4j 0.4.8 (or {@link FormulaFunctions}) returns, bit for bit;</li>
 *   <li>{@link #enclose(Interval)}: an outward-rounded enclosure of the real function's range (see
 *       {@link Interval}); outside the domain an undefined part;</li>
 *   <li>{@link #taylor(Taylor)}: the chain rule with enclosures of {@code phi'} and {@code phi''} over the
 *       argument's range; where {@code phi} is not twice differentiable on that range (a jump of {@code step},
 *       {@code floor}, {@code sign}, the kink of {@code abs}) the derivatives are unknown.</li>
 * </ul>
 */
enum UnaryFunction {
    SIN, COS, TAN, COT, ASIN, ACOS, ATAN, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG2, LOG10, LOG1P, SQRT, CBRT, ABS,
    FLOOR, CEIL, SIGNUM, STEP, SIGN;

    private static final Interval LN10 = Interval.point(10).log();
    private static final Interval TWO = Interval.point(2);

    /** exp4j's built-in one-argument functions and the added {@code step}, {@code sign}, by name. */
    static final Map<String, UnaryFunction> BY_NAME = Map.ofEntries(Map.entry("sin", SIN), Map.entry("cos", COS),
            Map.entry("tan", TAN), Map.entry("cot", COT), Map.entry("asin", ASIN), Map.entry("acos", ACOS),
            Map.entry("atan", ATAN), Map.entry("sinh", SINH), Map.entry("cosh", COSH), Map.entry("tanh", TANH),
            Map.entry("exp", EXP), Map.entry("expm1", EXPM1), Map.entry("log", LOG), Map.entry("log2", LOG2),
            Map.entry("log10", LOG10), Map.entry("log1p", LOG1P), Map.entry("sqrt", SQRT), Map.entry("cbrt", CBRT),
            Map.entry("abs", ABS), Map.entry("floor", FLOOR), Map.entry("ceil", CEIL), Map.entry("signum", SIGNUM),
            Map.entry("step", STEP), Map.entry("sign", SIGN));

    /** The point value, exactly as exp4j computes it (throws exp4j's {@link ArithmeticException} for cot). */
    double apply(double t) {
        switch (this) {
            case SIN: return Math.sin(t);
            case COS: return Math.cos(t);
            case TAN: return Math.tan(t);
            case COT: {
                // exp4j: throws when tan is (signed) zero, else 1 / tan.
                double tan = Math.tan(t);
                if (tan == 0d) {
                    throw new ArithmeticException("Division by zero in cotangent!");
                }
                return 1d / Math.tan(t);
            }
            case ASIN: return Math.asin(t);
            case ACOS: return Math.acos(t);
            case ATAN: return Math.atan(t);
            case SINH: return Math.sinh(t);
            case COSH: return Math.cosh(t);
            case TANH: return Math.tanh(t);
            case EXP: return Math.exp(t);
            case EXPM1: return Math.expm1(t);
            case LOG: return Math.log(t);
            // exp4j computes log(2) at every call; the same double.
            case LOG2: return Math.log(t) / Math.log(2.0d);
            case LOG10: return Math.log10(t);
            case LOG1P: return Math.log1p(t);
            case SQRT: return Math.sqrt(t);
            case CBRT: return Math.cbrt(t);
            case ABS: return Math.abs(t);
            case FLOOR: return Math.floor(t);
            case CEIL: return Math.ceil(t);
            // exp4j's signum: 0 (positive) for NaN and for -0.
            case SIGNUM: return t > 0 ? 1 : (t < 0 ? -1 : 0);
            case STEP: return FormulaFunctions.step(t);
            case SIGN: return FormulaFunctions.sign(t);
            default: throw new IllegalStateException("unknown function " + this);
        }
    }

    /** An enclosure of {@code {phi(t) : t in u}} (real {@code phi}). */
    Interval enclose(Interval u) {
        return switch (this) {
            case SIN -> u.sin();
            case COS -> u.cos();
            case TAN -> u.tan();
            case COT -> u.cot();
            case ASIN -> u.asin();
            case ACOS -> u.acos();
            case ATAN -> u.atan();
            case SINH -> u.sinh();
            case COSH -> u.cosh();
            case TANH -> u.tanh();
            case EXP -> u.exp();
            case EXPM1 -> u.expm1();
            case LOG -> u.log();
            case LOG2 -> u.log2();
            case LOG10 -> u.log10();
            case LOG1P -> u.log1p();
            case SQRT -> u.sqrt();
            case CBRT -> u.cbrt();
            case ABS -> u.abs();
            case FLOOR -> u.floor();
            case CEIL -> u.ceil();
            case SIGNUM, SIGN -> u.sign();
            case STEP -> u.step();
        };
    }

    /** {@code phi(u)} with value, gradient and Hessian enclosures (chain rule, {@link Taylor#compose}). */
    Taylor taylor(Taylor a) {
        Interval u = a.value();
        Interval v = enclose(u);
        if (isSmooth()) {
            Interval[] d = derivatives(u, v);
            return a.compose(v, d[0], d[1]);
        }
        return piecewise(a, u, v);
    }

    /** Whether {@code phi} is twice differentiable where defined (its Taylor mode is the chain rule). */
    boolean isSmooth() {
        return switch (this) {
            case ABS, FLOOR, CEIL, SIGNUM, SIGN, STEP -> false;
            default -> true;
        };
    }

    /**
     * For a {@linkplain #isSmooth() smooth} {@code phi}: enclosures of {@code phi'} and {@code phi''} over the
     * argument's range {@code u}, given {@code v ⊇ phi(u)}.
     *
     * @return {@code {phi'(u), phi''(u)}}
     */
    Interval[] derivatives(Interval u, Interval v) {
        return derivatives(u, v, true);
    }

    /**
     * As {@link #derivatives(Interval, Interval)}; without {@code second}, {@code phi''} may be left out (an array of
     * one entry) where it costs more operations (roots, logarithms, inverse trigonometric functions): {@code phi'}
     * is the same interval either way.
     */
    Interval[] derivatives(Interval u, Interval v, boolean second) {
        switch (this) {
            case SIN: return new Interval[] {u.cos(), v.negate()};
            case COS: return new Interval[] {u.sin().negate(), v.negate()};
            case TAN: {
                Interval d1 = Interval.ONE.add(v.square());
                return new Interval[] {d1, TWO.multiply(v).multiply(d1)};
            }
            case COT: {
                Interval d1 = Interval.ONE.add(v.square());
                return new Interval[] {d1.negate(), TWO.multiply(v).multiply(d1)};
            }
            case ASIN:
            case ACOS: {
                Interval s = Interval.ONE.subtract(u.square());
                Interval r = s.sqrt().reciprocal(); // (1 - t^2)^(-1/2)
                if (!second) {
                    return new Interval[] {this == ASIN ? r : r.negate()};
                }
                Interval d2 = u.multiply(r).multiply(r.square()); // t (1 - t^2)^(-3/2)
                return this == ASIN ? new Interval[] {r, d2} : new Interval[] {r.negate(), d2.negate()};
            }
            case ATAN: {
                Interval r = Interval.ONE.add(u.square()).reciprocal();
                if (!second) {
                    return new Interval[] {r};
                }
                return new Interval[] {r, TWO.multiply(u).multiply(r.square()).negate()};
            }
            case SINH: return new Interval[] {u.cosh(), v};
            case COSH: return new Interval[] {u.sinh(), v};
            case TANH: {
                Interval d1 = Interval.ONE.subtract(v.square());
                return new Interval[] {d1, TWO.multiply(v).multiply(d1).negate()};
            }
            case EXP: return new Interval[] {v, v};
            case EXPM1: {
                Interval e = u.exp();
                return new Interval[] {e, e};
            }
            case LOG:
            case LOG2:
            case LOG10: {
                Interval r = u.reciprocal();
                if (!second) {
                    return new Interval[] {this == LOG2 ? r.divide(Interval.LN2) : this == LOG10 ? r.divide(LN10) : r};
                }
                Interval d2 = r.square().negate();
                if (this == LOG2) {
                    return new Interval[] {r.divide(Interval.LN2), d2.divide(Interval.LN2)};
                }
                if (this == LOG10) {
                    return new Interval[] {r.divide(LN10), d2.divide(LN10)};
                }
                return new Interval[] {r, d2};
            }
            case LOG1P: {
                Interval r = Interval.ONE.add(u).reciprocal();
                return new Interval[] {r, r.square().negate()};
            }
            case SQRT: {
                // (1/2) t^(-1/2), -(1/4) t^(-3/2)
                Interval r = v.reciprocal();
                if (!second) {
                    return new Interval[] {r.divide(TWO)};
                }
                return new Interval[] {r.divide(TWO), r.multiply(r.square()).divide(Interval.point(4)).negate()};
            }
            case CBRT: {
                // (1/3) t^(-2/3), -(2/9) t^(-5/3)
                Interval r = v.reciprocal();
                Interval r2 = r.square();
                Interval d1 = r2.divide(Interval.point(3));
                if (!second) {
                    return new Interval[] {d1};
                }
                Interval d2 = r2.square().multiply(r).multiply(TWO).divide(Interval.point(9)).negate();
                return new Interval[] {d1, d2};
            }
            default:
                throw new IllegalStateException(this + " is not smooth");
        }
    }

    /**
     * {@link #enclose} on primitive storage ({@link IntervalArrays} form) for the functions that have that form
     * ({@code sin}, {@code cos}, {@code sqrt}, {@code exp}): writes {@code phi(U)} into entry {@code v}, {@code U}
     * entry {@code x} ({@code v} may be {@code x}), the same bounds and flag, without allocating.
     *
     * @return false (nothing written) for the other functions
     */
    boolean enclose(double[] lo, double[] hi, boolean[] und, int x, int v) {
        double xl = lo[x];
        double xh = hi[x];
        boolean xp = und[x];
        switch (this) {
            case SIN -> IntervalArrays.sin(lo, hi, und, v, xl, xh, xp);
            case COS -> IntervalArrays.cos(lo, hi, und, v, xl, xh, xp);
            case SQRT -> IntervalArrays.sqrt(lo, hi, und, v, xl, xh, xp);
            case EXP -> IntervalArrays.exp(lo, hi, und, v, xl, xh, xp);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * For the functions with a form on primitive storage ({@link #enclose(double[], double[], boolean[], int, int)}):
     * writes {@code phi(U)} into entry {@code v} and {@code phi'(U)} into entry {@code d1}, {@code U} entry
     * {@code x}: the same bounds and flags as {@link #enclose} and {@code derivatives(U, phi(U), false)[0]}, without
     * allocating. Entries {@code x}, {@code v}, {@code d1} are distinct.
     *
     * @return false (nothing written) for the other functions
     */
    boolean firstOrder(double[] lo, double[] hi, boolean[] und, int x, int v, int d1) {
        if (!enclose(lo, hi, und, x, v)) {
            return false;
        }
        switch (this) {
            case SIN -> IntervalArrays.cos(lo, hi, und, d1, lo[x], hi[x], und[x]);
            case COS -> {
                IntervalArrays.sin(lo, hi, und, d1, lo[x], hi[x], und[x]);
                IntervalArrays.negate(lo, hi, und, d1, lo[d1], hi[d1], und[d1]);
            }
            case SQRT -> {
                // (1/2) t^(-1/2) as 1 / sqrt(U) / 2
                IntervalArrays.reciprocal(lo, hi, und, d1, lo[v], hi[v], und[v]);
                IntervalArrays.divide(lo, hi, und, d1, lo[d1], hi[d1], und[d1], 2, 2, false);
            }
            default -> IntervalArrays.set(lo, hi, und, d1, lo[v], hi[v], und[v]); // EXP: phi' = phi
        }
        return true;
    }

    /** The Taylor mode of a piecewise function ({@code abs}, {@code floor}, {@code ceil}, {@code sign}, {@code step}). */
    private Taylor piecewise(Taylor a, Interval u, Interval v) {
        switch (this) {
            case ABS: {
                if (u.lo() >= 0 && !u.maybeUndefined()) {
                    return a.withValue(v);
                }
                if (u.hi() <= 0 && !u.maybeUndefined()) {
                    return a.negate().withValue(v);
                }
                return a.withUnknownDerivatives().withValue(v);
            }
            case FLOOR:
            case CEIL: {
                boolean constant = this == FLOOR ? Math.floor(u.lo()) == Math.floor(u.hi())
                        : Math.ceil(u.lo()) == Math.ceil(u.hi());
                return constantOr(a, v, constant && u.isBounded());
            }
            case SIGNUM:
            case SIGN: {
                if (u.isBounded() && u.hi() == 0 && u.lo() < 0 && levelSetNull(a)) {
                    return Taylor.constant(Interval.point(-1), a.dim()); // -1 almost everywhere
                }
                if (u.isBounded() && u.lo() == 0 && u.hi() > 0 && levelSetNull(a)) {
                    return Taylor.constant(Interval.ONE, a.dim());
                }
                return constantOr(a, v, u.isBounded() && (u.lo() > 0 || u.hi() < 0 || (u.lo() == 0 && u.hi() == 0)));
            }
            case STEP:
                if (u.isBounded() && u.hi() == 0 && u.lo() < 0 && levelSetNull(a)) {
                    return Taylor.constant(Interval.ZERO, a.dim()); // 0 almost everywhere
                }
                return constantOr(a, v, u.isBounded() && (u.lo() >= 0 || u.hi() < 0));
            default:
                throw new IllegalStateException("unknown function " + this);
        }
    }

    /**
     * Whether the argument's level sets have measure zero on the box: some partial derivative is bounded away
     * from 0 there (then {@code u} is strictly monotone along that axis). A function equal almost everywhere to
     * a constant has that constant as its mean, so {@code step(u)} with {@code u <= 0} may be replaced by 0 (the
     * box only touches {@code u = 0}, as a cell whose corner lies on a jump does).
     */
    private static boolean levelSetNull(Taylor a) {
        for (int i = 0; i < a.dim(); i++) {
            Interval g = a.gradient(i);
            if (g.isBounded() && (g.lo() > 0 || g.hi() < 0)) {
                return true;
            }
        }
        return false;
    }

    /** A piecewise-constant function: constant on the argument's range, or with unknown derivatives. */
    private static Taylor constantOr(Taylor a, Interval v, boolean constant) {
        return constant ? Taylor.constant(v, a.dim()) : a.withUnknownDerivatives().withValue(v);
    }
}
