/**
 * Training nested networks for comparison with the explicit construction: multi-grade deep learning
 * ({@link org.layerwise.train.MultiGradeTrainer}: grade {@code k} fits the residual of grades {@code 1..k-1} on the
 * frozen features of grade {@code k-1}), the end-to-end baseline ({@link org.layerwise.train.EndToEndTrainer}) and
 * the three-way comparison ({@link org.layerwise.train.Comparisons}), seeded: float64 runs train in plain Java
 * (dense kernels in double arrays, no native call per step), float32 runs on DJL with the PyTorch CPU engine, offline.
 * Progress goes to an {@link org.layerwise.Monitor}.
 */
package org.layerwise.train;
