/**
 * The network model: immutable {@link org.layerwise.net.Network}s of {@link org.layerwise.net.Layer}s of ReLU and
 * sine {@link org.layerwise.net.Neuron}s with exact {@link org.layerwise.net.Affine} maps and one
 * {@link org.layerwise.net.Head} per level, the {@link org.layerwise.net.NarrowLayout} positions of the
 * construction, and size {@link org.layerwise.net.NetworkCounts}. Evaluation lives in {@code org.layerwise.eval},
 * the file format in {@code org.layerwise.format}.
 */
package org.layerwise.net;
