package org.layerwise.cli;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}, shared by the commands that build networks. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;
}
