/**
 * The model file format: {@link org.layerwise.format.ModelFile} (JSON, version 2: checksummed, each level's packed
 * phases in {@link org.layerwise.format.Base91}, weights in the compact {@link org.layerwise.format.WeightText}),
 * its {@link org.layerwise.format.ModelFormatException}, and {@link org.layerwise.format.AtomicFiles}, which writes
 * every output through a temporary file moved into place.
 */
package org.layerwise.format;
