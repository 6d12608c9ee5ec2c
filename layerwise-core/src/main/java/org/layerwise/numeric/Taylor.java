package org.layerwise.numeric;

/**
 * A second-order Taylor enclosure of a function {@code u} of {@code x in R^d} over a box {@code B}: intervals
 * {@code value ⊇ u(B)}, {@code gradient_i ⊇ du/dx_i (B)} and {@code hessian_ij ⊇ d^2u/dx_i dx_j (B)} (forward-mode
 * automatic differentiation in {@link Interval} arithmetic). The Hessian is stored packed: entry {@code (i, j)},
 * {@code i <= j}, at {@code j (j + 1) / 2 + i}.
 *
 * <p>Where {@code u} is not twice differentiable on the whole box (a step, a kink, {@code sqrt} at 0), the
 * functions that know it return unbounded derivative enclosures ({@link Interval#ENTIRE}); an exactly zero
 * partial derivative ({@code [0, 0]}, e.g. of a function that does not read {@code x_i}) stays exact through
 * products, since {@code [0, 0] * [-inf, inf] = [0, 0]}.
 *
 * <p>Chain rule used by {@link #compose}: for {@code w = phi(u)},
 * {@code grad w = phi'(U) grad u} and {@code H w = phi''(U) grad u grad u^T + phi'(U) H u}, with {@code U} the value
 * enclosure: valid on {@code B} because {@code u(xi) in U} for every {@code xi in B}.
 *
 * <p>Immutable; {@code d} is at most {@link #MAX_DIM}.
 */
public final class Taylor {

    /** Largest dimension supported (ten intervals per node at d = 3). */
    public static final int MAX_DIM = 3;

    private final Interval value;
    private final Interval[] gradient;
    private final Interval[] hessian;

    private Taylor(Interval value, Interval[] gradient, Interval[] hessian) {
        this.value = value;
        this.gradient = gradient;
        this.hessian = hessian;
    }

    /**
     * The enclosure with the given parts (copied).
     *
     * @param value    {@code u(B)}
     * @param gradient {@code d} enclosures of the partial derivatives, {@code 1 <= d <= MAX_DIM}
     * @param hessian  {@code d (d + 1) / 2} enclosures of the second derivatives, packed as {@link #index}
     * @return the Taylor enclosure
     * @throws IllegalArgumentException if the lengths do not fit
     */
    public static Taylor of(Interval value, Interval[] gradient, Interval[] hessian) {
        int d = gradient.length;
        check(d);
        if (hessian.length != d * (d + 1) / 2) {
            throw new IllegalArgumentException("a Hessian of dimension " + d + " has " + d * (d + 1) / 2
                    + " entries, got " + hessian.length);
        }
        return new Taylor(value, gradient.clone(), hessian.clone());
    }

    /**
     * Packed index of a Hessian entry (symmetric: {@code (i, j)} and {@code (j, i)} share it).
     *
     * @param i a coordinate, {@code >= 0}
     * @param j a coordinate, {@code >= 0}
     * @return {@code j (j + 1) / 2 + i} for {@code i <= j}, else {@code i (i + 1) / 2 + j}
     */
    public static int index(int i, int j) {
        return i <= j ? j * (j + 1) / 2 + i : i * (i + 1) / 2 + j;
    }

    /**
     * A constant: value {@code c}, all derivatives exactly zero.
     *
     * @param c the constant's enclosure
     * @param d the dimension, {@code 1..MAX_DIM}
     * @return the Taylor enclosure of the constant
     * @throws IllegalArgumentException if {@code d} is outside {@code 1..MAX_DIM}
     */
    public static Taylor constant(Interval c, int d) {
        check(d);
        return new Taylor(c, filled(d, Interval.ZERO), filled(d * (d + 1) / 2, Interval.ZERO));
    }

    /**
     * The coordinate {@code x_k} over the interval {@code range} of it: gradient {@code e_k}, Hessian 0, both exact.
     *
     * @param k     the coordinate, {@code 0..d-1}
     * @param range the box's extent in {@code x_k}
     * @param d     the dimension, {@code 1..MAX_DIM}
     * @return the Taylor enclosure of {@code x_k}
     * @throws IllegalArgumentException if {@code d} or {@code k} is out of range
     */
    public static Taylor variable(int k, Interval range, int d) {
        check(d);
        if (k < 0 || k >= d) {
            throw new IllegalArgumentException("coordinate " + k + " outside 0.." + (d - 1));
        }
        Interval[] g = filled(d, Interval.ZERO);
        g[k] = Interval.ONE;
        return new Taylor(range, g, filled(d * (d + 1) / 2, Interval.ZERO));
    }

    private static void check(int d) {
        if (d < 1 || d > MAX_DIM) {
            throw new IllegalArgumentException("Taylor enclosures need 1 <= d <= " + MAX_DIM + ", got " + d);
        }
    }

    private static Interval[] filled(int n, Interval v) {
        Interval[] a = new Interval[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * The dimension.
     *
     * @return {@code d}, the number of gradient entries
     */
    public int dim() {
        return gradient.length;
    }

    /**
     * The range enclosure.
     *
     * @return an interval holding {@code u(B)}
     */
    public Interval value() {
        return value;
    }

    /**
     * A partial derivative's enclosure.
     *
     * @param i the coordinate, {@code 0..d-1}
     * @return an interval holding {@code du/dx_i} over the box ({@link Interval#ENTIRE} if unknown)
     */
    public Interval gradient(int i) {
        return gradient[i];
    }

    /**
     * A second derivative's enclosure.
     *
     * @param i a coordinate, {@code 0..d-1}
     * @param j a coordinate, {@code 0..d-1}
     * @return an interval holding {@code d^2u / dx_i dx_j} over the box ({@link Interval#ENTIRE} if unknown)
     */
    public Interval hessian(int i, int j) {
        return hessian[index(i, j)];
    }

    /**
     * Whether the second-order model is usable.
     *
     * @return true if the value, every gradient entry and every Hessian entry is bounded (and defined)
     */
    public boolean secondOrderBounded() {
        if (!value.isBounded()) {
            return false;
        }
        for (Interval g : gradient) {
            if (!g.isBounded()) {
                return false;
            }
        }
        for (Interval h : hessian) {
            if (!h.isBounded()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy for a function that is not {@code C^2} on the box.
     *
     * @return this enclosure with every derivative that is not exactly zero set to {@link Interval#ENTIRE}
     */
    public Taylor withUnknownDerivatives() {
        int d = dim();
        return new Taylor(value, unknownUnlessZero(gradient), unknownUnlessZero(hessian));
    }

    private static Interval[] unknownUnlessZero(Interval[] a) {
        // a derivative that is exactly 0 for the argument stays 0 (the function does not depend on that variable)
        Interval[] out = new Interval[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].equals(Interval.ZERO) ? Interval.ZERO : Interval.ENTIRE;
        }
        return out;
    }

    /**
     * The enclosure of {@code -u}.
     *
     * @return every part negated (exact)
     */
    public Taylor negate() {
        Interval[] g = new Interval[gradient.length];
        Interval[] h = new Interval[hessian.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradient[i].negate();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = hessian[i].negate();
        }
        return new Taylor(value.negate(), g, h);
    }

    /**
     * The enclosure of {@code u + v}, part by part, outward rounded.
     *
     * @param o the enclosure of {@code v} over the same box and dimension
     * @return the enclosure of the sum
     */
    public Taylor add(Taylor o) {
        Interval[] g = new Interval[gradient.length];
        Interval[] h = new Interval[hessian.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradient[i].add(o.gradient[i]);
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = hessian[i].add(o.hessian[i]);
        }
        return new Taylor(value.add(o.value), g, h);
    }

    /**
     * The enclosure of {@code u - v}, as {@code u + (-v)}.
     *
     * @param o the enclosure of {@code v} over the same box and dimension
     * @return the enclosure of the difference
     */
    public Taylor subtract(Taylor o) {
        return add(o.negate());
    }

    /**
     * The enclosure of {@code u v} by the product rule:
     * {@code (uv)_i = u_i v + u v_i}, {@code (uv)_ij = u_ij v + u_i v_j + u_j v_i + u v_ij}.
     *
     * @param o the enclosure of {@code v} over the same box and dimension
     * @return the enclosure of the product
     */
    public Taylor multiply(Taylor o) {
        int d = dim();
        Interval[] g = new Interval[d];
        Interval[] h = new Interval[hessian.length];
        for (int i = 0; i < d; i++) {
            g[i] = gradient[i].multiply(o.value).add(value.multiply(o.gradient[i]));
        }
        for (int j = 0; j < d; j++) {
            for (int i = 0; i <= j; i++) {
                int k = index(i, j);
                Interval cross = gradient[i].multiply(o.gradient[j]).add(gradient[j].multiply(o.gradient[i]));
                h[k] = hessian[k].multiply(o.value).add(cross).add(value.multiply(o.hessian[k]));
            }
        }
        return new Taylor(value.multiply(o.value), g, h);
    }

    /**
     * The enclosure of {@code u / v = u * (1/v)}, with {@code 1/t}, {@code -1/t^2}, {@code 2/t^3} enclosed on
     * {@code V}.
     *
     * @param o the enclosure of {@code v} over the same box and dimension
     * @return the enclosure of the quotient (unbounded where {@code V} holds 0)
     */
    public Taylor divide(Taylor o) {
        return multiply(o.reciprocal());
    }

    /**
     * The enclosure of {@code 1/u} by the chain rule ({@link #reciprocalDerivatives}).
     *
     * @return the enclosure of the reciprocal (unbounded where the value enclosure holds 0)
     */
    public Taylor reciprocal() {
        Interval[] phi = reciprocalDerivatives(value);
        return compose(phi[0], phi[1], phi[2]);
    }

    /**
     * {@code 1/t}, its derivative {@code -1/t^2} and second derivative {@code 2/t^3}, enclosed over {@code t}: the
     * arguments of {@link #compose} for {@code 1/u}.
     *
     * @param t the value enclosure of {@code u}
     * @return {@code {1/t, -1/t^2, 2/t^3}}
     */
    public static Interval[] reciprocalDerivatives(Interval t) {
        Interval r = t.reciprocal();
        Interval r2 = r.square();
        return new Interval[] {r, r2.negate(), r2.multiply(r).multiply(2)};
    }

    /**
     * {@code phi(u)} given enclosures over {@code U = value()} of {@code phi(U)}, {@code phi'(U)} and
     * {@code phi''(U)} (pass {@link Interval#ENTIRE} where {@code phi} is not differentiable somewhere on U).
     *
     * @param phi  an enclosure of {@code phi(U)}
     * @param phi1 an enclosure of {@code phi'(U)}
     * @param phi2 an enclosure of {@code phi''(U)}
     * @return the enclosure of {@code phi(u)} by the chain rule of the class comment
     */
    public Taylor compose(Interval phi, Interval phi1, Interval phi2) {
        int d = dim();
        Interval[] g = new Interval[d];
        Interval[] h = new Interval[hessian.length];
        for (int i = 0; i < d; i++) {
            g[i] = phi1.multiply(gradient[i]);
        }
        for (int j = 0; j < d; j++) {
            for (int i = 0; i <= j; i++) {
                int k = index(i, j);
                Interval gg = i == j ? gradient[i].square() : gradient[i].multiply(gradient[j]);
                h[k] = phi2.multiply(gg).add(phi1.multiply(hessian[k]));
            }
        }
        return new Taylor(phi, g, h);
    }

    /**
     * The value replaced (for exact piecewise functions whose derivatives are those of the argument).
     *
     * @param v the new value enclosure
     * @return this enclosure with value {@code v} and the same derivatives
     */
    public Taylor withValue(Interval v) {
        return new Taylor(v, gradient, hessian);
    }

    /**
     * An enclosure of the mean of {@code u} over the box {@code prod_i [c_i - r_i, c_i + r_i]} this enclosure was
     * computed on, given {@code fc ⊇ u(c)} and upper bounds {@code r_i}:
     * <pre>  mean in fc + sum_i H_ii(B) r_i^2 / 6 + [-1, 1] sum_{i&lt;j} min(wid H_ij(B), |H_ij(B)|) r_i r_j / 4.</pre>
     * Derivation: along the segment from {@code c}, {@code u(c + t) = u(c) + grad u(c).t + t^T H(xi(t)) t / 2}
     * with {@code xi(t)} in {@code B}; over the box {@code t} is uniform on {@code prod [-r_i, r_i]}, so the linear
     * term has mean 0 and {@code E[t_i^2] = r_i^2 / 3}. Off the diagonal write
     * {@code H_ij(xi) = H_ij(c) + (H_ij(xi) - H_ij(c))}: the first part has mean {@code H_ij(c) E[t_i t_j] = 0}, and
     * since both {@code H_ij(xi)} and {@code H_ij(c)} lie in {@code H_ij(B)}, the second is at most
     * {@code wid H_ij(B)} in size (and {@code |H_ij(xi)| <= |H_ij(B)|} bounds the whole term);
     * {@code E|t_i t_j| = r_i r_j / 4}. The cross term is thus of third order, {@code O(|grad H| r^3)}, like the
     * width of the diagonal term.
     *
     * @param fc an enclosure of {@code u(c)} at the box's centre
     * @param r  upper bounds of the box's half-widths {@code r_i}, one per coordinate
     * @return an enclosure of the mean of {@code u} over the box, or {@link Interval#UNKNOWN} if the Hessian is
     *         not bounded
     */
    public Interval meanEnclosure(Interval fc, double[] r) {
        int d = dim();
        Interval m = fc;
        double cross = 0;
        for (int j = 0; j < d; j++) {
            Interval hjj = hessian[index(j, j)];
            if (!hjj.isBounded()) {
                return Interval.UNKNOWN;
            }
            Interval rr = Interval.point(r[j]).square();
            m = m.add(hjj.multiply(rr).divide(Interval.point(6)));
            for (int i = 0; i < j; i++) {
                Interval hij = hessian[index(i, j)];
                if (!hij.isBounded()) {
                    return Interval.UNKNOWN;
                }
                double size = Math.min(hij.width(), hij.mag());
                cross = Math.nextUp(cross + Math.nextUp(Math.nextUp(size * r[i]) * r[j]) / 4);
            }
        }
        if (!m.isBounded() || !(cross < Double.POSITIVE_INFINITY)) {
            return Interval.UNKNOWN;
        }
        return m.add(Interval.of(-cross, cross));
    }

    @Override
    public String toString() {
        return "Taylor{value=" + value + ", gradient=" + java.util.Arrays.toString(gradient) + ", hessian="
                + java.util.Arrays.toString(hessian) + "}";
    }
}
