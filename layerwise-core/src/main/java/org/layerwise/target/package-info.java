/**
 * Functions to approximate: {@link org.layerwise.target.Target} and its sources, built by
 * {@link org.layerwise.target.Targets}.
 *
 * <ul>
 *   <li>Formulas ({@link org.layerwise.target.FormulaTarget}): exp4j syntax in {@code x1..xd} (or {@code x, y, z}
 *       when {@code d <= 3}), plus {@code step, sign, min, max, clamp}; the dimension is inferred from the largest
 *       index used unless given; thread-safe through one expression copy per thread.</li>
 *   <li>The built-in catalog ({@link org.layerwise.target.BuiltinCatalog}): named functions whose
 *       {@link org.layerwise.target.Regularity} is proved in the source and checked by sampling in the tests.</li>
 *   <li>Images ({@link org.layerwise.target.ImageTargets}): luminance, {@code x2} pointing up (the bottom-left
 *       pixel is the cell at the origin).</li>
 *   <li>CSV grids ({@link org.layerwise.target.GridCsv}): columns along {@code x1}, rows along {@code x2} with the
 *       first row at {@code x2 = 0}, blank-line-separated matrices along {@code x3}.</li>
 * </ul>
 * Images and grids are {@link org.layerwise.target.PiecewiseConstantTarget}s
 * ({@link org.layerwise.target.TabulatedTarget}) whose {@code value(x)} finds the containing cell exactly.
 */
package org.layerwise.target;
