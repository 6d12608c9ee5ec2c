/**
 * Number kernels: the exact {@link org.layerwise.numeric.Dyadic} rationals {@code m 2^e}, IEEE
 * {@link org.layerwise.numeric.DoubleBits}, {@link org.layerwise.numeric.DoubleDouble} arithmetic and its
 * {@link org.layerwise.numeric.DoubleDoubleTrig sine and cosine}, compensated {@link org.layerwise.numeric.AccurateSum}
 * and {@link org.layerwise.numeric.GaussLegendre} rules.
 */
package org.layerwise.numeric;
