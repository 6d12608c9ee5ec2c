package org.layerwise.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.layerwise.LayerwiseException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code layerwise} command line. Exit status: 0 on success, 2 on bad input (a one-line message
 * on stderr), 1 on an internal error.
 */
@Command(name = "layerwise", mixinStandardHelpOptions = true, version = "layerwise 0.1.0",
        description = "Nested neural networks whose every level is a certified approximation.",
        subcommands = {CommandLine.HelpCommand.class, TargetsCommand.class, MeasureCommand.class, ConstructCommand.class,
                EvalCommand.class, InspectCommand.class, RefineCommand.class, DemoCommand.class, TrainCommand.class, CompareCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    /** Exit status for bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit status (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command tree. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            Throwable cause = ex;
            if (cause instanceof UncheckedIOException && cause.getCause() != null) {
                err.println("layerwise: " + cause.getMessage());
                return BAD_INPUT;
            }
            if (cause instanceof LayerwiseException) {
                err.println("layerwise " + cmd.getCommandName() + ": " + oneLine(Messages.of(cause)));
                return BAD_INPUT;
            }
            err.println("layerwise " + cmd.getCommandName() + ": internal error: " + cause);
            cause.printStackTrace(err);
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("layerwise " + ex.getCommandLine().getCommandName() + ": " + oneLine(ex.getMessage()));
            err.println("Try 'layerwise " + ex.getCommandLine().getCommandName() + " --help'.");
            return BAD_INPUT;
        });
        return cl;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
