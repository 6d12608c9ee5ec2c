package org.layerwise.cli;

import java.io.PrintWriter;

import org.layerwise.Monitor;
import org.layerwise.report.Progress;

/**
 * A {@link Monitor} for the command line: on a terminal each task is a console progress bar ({@link Progress#console});
 * otherwise (a pipe, a log file) each task prints one line {@code "layerwise CMD: TASK..."} to {@code lines} when it
 * starts, so a long run is never silent; {@code --quiet} shows neither.
 *
 * @param quiet  no bars and no lines
 * @param prefix {@code "layerwise CMD"}, the start of each line
 * @param lines  where the lines go when there is no terminal (the command's standard error), or null for none
 */
record ConsoleMonitor(boolean quiet, String prefix, PrintWriter lines) implements Monitor {

    /** Bars on a terminal only, no lines. */
    ConsoleMonitor(boolean quiet) {
        this(quiet, null, null);
    }

    /** Bars on a terminal, otherwise one line per task on the command's standard error. */
    static ConsoleMonitor of(picocli.CommandLine.Model.CommandSpec spec, boolean quiet) {
        return new ConsoleMonitor(quiet, Main.prefix(spec.commandLine()), spec.commandLine().getErr());
    }

    @Override
    public Task start(String name, long total) {
        if (!quiet && lines != null && System.console() == null) {
            lines.println(prefix + ": " + name + "...");
            lines.flush();
        }
        Progress bar = Progress.console(name, total, quiet);
        return new Task() {
            @Override
            public void step(long n) {
                bar.stepBy(n);
            }

            @Override
            public void note(String text) {
                bar.message(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
