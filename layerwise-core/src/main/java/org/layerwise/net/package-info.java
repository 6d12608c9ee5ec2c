/**
 * The network model and its exact evaluation: {@link org.layerwise.net.Dyadic} numbers,
 * {@link org.layerwise.net.Network} (layers of ReLU and sine neurons, one head per level), the
 * {@link org.layerwise.net.NarrowLayout} positions, evaluators ({@link org.layerwise.net.ReferenceEvaluator}
 * exact, {@link org.layerwise.net.FastExactEvaluator} the same bits at a cost flat in the table size, chosen by
 * {@link org.layerwise.net.Evaluators#fastOrReference}, {@link org.layerwise.net.Float64Evaluator} to show where
 * doubles fail), the certified
 * {@link org.layerwise.net.DecoderBound}, size {@link org.layerwise.net.NetworkCounts} and
 * {@link org.layerwise.net.ModelFile} input/output.
 */
package org.layerwise.net;
