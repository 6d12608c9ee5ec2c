package org.layerwise.cli;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}, shared by the commands that print a level table ({@code measure, construct, refine, compare}). */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars (there are none when output is not a terminal).")
    boolean quiet;
}
