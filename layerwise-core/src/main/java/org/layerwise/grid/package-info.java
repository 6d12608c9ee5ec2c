/**
 * The nested grids of {@code [0,1]^d} with refinement factor {@code N} ({@link org.layerwise.grid.Cells}: cells,
 * exact digits and cell indices of double inputs), the table of cell means {@code mu_0..mu_L}
 * ({@link org.layerwise.grid.CellMeans}) and its builder ({@link org.layerwise.grid.CellMeansBuilder}: Gauss-Legendre
 * quadrature on the finest level, exact sums up the levels, a memory limit checked before any evaluation).
 * Construction note, section 2.
 */
package org.layerwise.grid;
