/**
 * Errors and moduli: {@code L^p} norms ({@link org.layerwise.measure.PNorm}), the cell-mean error
 * {@code ||f - A_l f||_p} ({@link org.layerwise.measure.CellMeanError}), the modulus of continuity
 * {@code omega_p(f, t)} estimated by a search over shifts ({@link org.layerwise.measure.ModulusOfContinuity}; its
 * rigorous lower bound at the best shift is {@link org.layerwise.measure.CertifiedNorms}'s), and randomized
 * Sobol QMC estimates with standard errors ({@link org.layerwise.measure.QmcError},
 * {@link org.layerwise.measure.SobolPoints}). Every estimate is an {@link org.layerwise.measure.ErrorEstimate} that
 * names its method.
 */
package org.layerwise.measure;
