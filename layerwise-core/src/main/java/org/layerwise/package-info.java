/**
 * Layerwise: nested neural networks whose every level is a certified approximation of a target.
 *
 * <p>Start at {@link org.layerwise.Layerwise}, the facade: build the network of a target
 * ({@link org.layerwise.function.Targets} makes one from a formula, a built-in, an image, a grid or a Java lambda)
 * with {@link org.layerwise.construct.ConstructionSettings}, evaluate its readouts {@code Phi_1..Phi_L}, save, load
 * and refine it. This package also holds the progress type {@link org.layerwise.Monitor} and the exceptions: every
 * error about the input or a limit is a {@link org.layerwise.LayerwiseException} whose one-line message names the
 * offending value. The mathematics is specified in {@code docs/construction.md} of the repository.
 */
package org.layerwise;
