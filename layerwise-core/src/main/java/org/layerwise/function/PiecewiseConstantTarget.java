package org.layerwise.function;

/**
 * A target that is constant on the cells of a regular grid of {@code shape[0] x ... x shape[d-1]}
 * boxes covering {@code [0,1]^d} (an image, or a CSV of grid samples). Cell means and L^p errors of
 * such targets are computed exactly, by area, rather than by quadrature.
 *
 * <p>Grid cell {@code (j_1, ..., j_d)} is {@code prod_i [j_i / shape[i], (j_i + 1) / shape[i])};
 * a coordinate equal to 1 belongs to the last cell. Its value is {@link #cellValue(int[])}, and
 * {@link #value(double[])} must agree with it.
 */
public interface PiecewiseConstantTarget extends Target {

    /** Number of grid cells along each coordinate; a fresh copy, length {@link #dim()}. */
    int[] shape();

    /** The constant value on grid cell {@code index} ({@code 0 <= index[i] < shape[i]}). */
    double cellValue(int[] index);
}
