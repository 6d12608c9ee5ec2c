/**
 * Functions to approximate: {@link org.layerwise.function.Target} and its sources, built by
 * {@link org.layerwise.function.Targets}.
 *
 * <ul>
 *   <li>Formulas ({@link org.layerwise.function.formula.FormulaTarget}): exp4j syntax in {@code x1..xd} (or {@code x, y, z}
 *       when {@code d <= 3}), plus {@code step, sign, min, max, clamp}; the dimension is inferred from the largest
 *       index used unless given; thread-safe through one expression copy per thread.</li>
 *   <li>The built-in catalog ({@link org.layerwise.function.BuiltinCatalog}): named functions whose
 *       {@link org.layerwise.function.Regularity} is proved in the source and checked by sampling in the tests.</li>
 *   <li>Images ({@link org.layerwise.function.ImageTargets}): luminance, {@code x2} pointing up (the bottom-left
 *       pixel is the cell at the origin).</li>
 *   <li>CSV grids ({@link org.layerwise.function.GridCsv}): columns along {@code x1}, rows along {@code x2} with the
 *       first row at {@code x2 = 0}, blank-line-separated matrices along {@code x3}.</li>
 * </ul>
 * Images and grids are {@link org.layerwise.function.PiecewiseConstantTarget}s
 * ({@link org.layerwise.function.TabulatedTarget}) whose {@code value(x)} finds the containing cell exactly.
 */
package org.layerwise.function;
