package org.layerwise.cli;

import picocli.CommandLine.Option;

/** {@code --reference}, shared by the commands that build networks ({@code construct, refine, demo, compare}). */
public final class EvaluatorOptions {

    @Option(names = "--reference",
            description = "Evaluate the network with the reference (neuron by neuron) exact evaluator instead of the fast"
                    + " exact one; both give the same doubles, the reference is slower as the table grows.")
    boolean reference;
}
