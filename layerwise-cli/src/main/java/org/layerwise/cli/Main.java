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
@Command(name = "layerwise", mixinStandardHelpOptions = true, versionProvider = Version.class,
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
        return execute(commandLine(), out, err, args);
    }

    /** Runs {@code args} on the command tree {@code cl} (tests add commands to it). */
    static int execute(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setOut(out);
        cl.setErr(err);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = resourceError(err, commandName(cl), e);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Exit status when the JVM ran out of heap or stack: 1, after one line saying which and what to do. */
    static final int RESOURCE_ERROR = 1;

    /**
     * Prints one line for an {@link OutOfMemoryError} or a {@link StackOverflowError} (no stack trace) and returns
     * {@link #RESOURCE_ERROR}.
     */
    static int resourceError(PrintWriter err, String prefix, Error e) {
        if (e instanceof OutOfMemoryError) {
            err.println(prefix + ": out of memory (Java heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): lower the sizes asked for, or give the JVM more with LAYERWISE_JAVA_OPTS=-Xmx...");
        } else {
            err.println(prefix + ": stack overflow: the input is nested too deeply (give a smaller one, or raise the"
                    + " stack with LAYERWISE_JAVA_OPTS=-Xss...)");
        }
        err.flush();
        return RESOURCE_ERROR;
    }

    /** "layerwise SUB" for the subcommand that was parsed, "layerwise" for the top level. */
    private static String commandName(CommandLine cl) {
        CommandLine.ParseResult pr = cl.getParseResult();
        while (pr != null && pr.subcommand() != null) {
            pr = pr.subcommand();
        }
        return pr == null ? "layerwise" : prefix(pr.commandSpec().commandLine());
    }

    /** "layerwise SUB" for a subcommand, "layerwise" for the top level (never "layerwise layerwise"). */
    static String prefix(CommandLine cmd) {
        return cmd.getParent() == null ? "layerwise" : "layerwise " + cmd.getCommandName();
    }

    /** The configured command tree. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            Throwable cause = ex;
            if (cause instanceof UncheckedIOException && cause.getCause() != null) {
                err.println(prefix(cmd) + ": " + oneLine(cause.getMessage()));
                return BAD_INPUT;
            }
            if (cause instanceof LayerwiseException) {
                err.println(prefix(cmd) + ": " + oneLine(Messages.of(cause)));
                return BAD_INPUT;
            }
            err.println(prefix(cmd) + ": internal error: " + cause);
            cause.printStackTrace(err);
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(prefix(cmd) + ": " + oneLine(ex.getMessage()));
            err.println("Try '" + prefix(cmd) + " --help'.");
            return BAD_INPUT;
        });
        return cl;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
