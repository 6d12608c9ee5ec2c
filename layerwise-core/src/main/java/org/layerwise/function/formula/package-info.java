/**
 * Formula targets: exp4j syntax in {@code x1..xd} (or {@code x, y, z} when {@code d <= 3}) with {@code step, sign,
 * min, max, clamp} ({@link org.layerwise.function.formula.FormulaFunctions}), compiled into a tree of small nodes
 * ({@link org.layerwise.function.formula.CompiledFormula}) and wrapped as a
 * {@link org.layerwise.function.formula.FormulaTarget}.
 */
package org.layerwise.function.formula;
