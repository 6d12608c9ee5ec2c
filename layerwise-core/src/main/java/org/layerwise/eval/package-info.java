/**
 * Evaluating a {@link org.layerwise.net.Network}: the {@link org.layerwise.eval.ReferenceEvaluator} (exact dyadic
 * arithmetic, one {@code Math.sin} per sine neuron), the {@link org.layerwise.eval.FastExactEvaluator} (the same
 * doubles at a cost flat in the table size, for the narrow layout), chosen by
 * {@link org.layerwise.eval.Evaluators}; the {@link org.layerwise.eval.Float64Evaluator} shows where plain doubles
 * fail; {@link org.layerwise.eval.DecoderBound} is the certified distance of a readout from the table it encodes.
 */
package org.layerwise.eval;
