package org.layerwise.cli;

import picocli.CommandLine.Option;

/** {@code --json}, {@code --quiet} and {@code --reference}, shared by the commands that build networks. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--reference",
            description = "Evaluate the network with the reference (neuron by neuron) exact evaluator instead of the fast"
                    + " exact one; both give the same doubles, the reference is slower as the table grows.")
    boolean reference;
}
