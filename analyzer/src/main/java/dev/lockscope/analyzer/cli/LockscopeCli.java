package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Version;
import dev.lockscope.analyzer.read.RecordingException;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockscope} command: one subcommand per job. */
@Command(name = "lockscope",
        mixinStandardHelpOptions = true,
        versionProvider = LockscopeCli.VersionProvider.class,
        description = "Finds the locks that hold a Java program back, explains why, and suggests a better lock.",
        subcommands = {AnalyzeCommand.class, DiffCommand.class, DemoCommand.class, RecordCommand.class, AttachCommand.class,
                ProbeCommand.class, CommandLine.HelpCommand.class})
public final class LockscopeCli implements Runnable {

    /**
     * Exit codes: 0 success, 1 the work failed (bad recording, I/O), 2 the command line was wrong, 3 a report was
     * written but some of the files given could not be read and were left out (each named on stderr).
     */
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PARTIAL = 3;
    static final int HELP_WIDTH = 100;
    static final int LONG_OPTIONS_WIDTH = 34;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output as bytes, for binary reports ({@code analyze --format pprof -o -}). */
    private OutputStream binaryOut = System.out;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams (binary reports to {@code System.out}); returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.out);
    }

    /** Runs the CLI with the given streams, binary reports to standard output going to {@code binaryOut}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, OutputStream binaryOut) {
        LockscopeCli cli = new LockscopeCli();
        cli.binaryOut = binaryOut;
        CommandLine cl = new CommandLine(cli);
        // Laid out for 100 columns, like every report; options' labels are never split across lines.
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("lockscope: " + oneLine(ex.getMessage()) + " (see 'lockscope "
                    + commandPath(ex.getCommandLine()) + "--help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            if (verbose) {
                ex.printStackTrace(err);
            }
            if (ex instanceof RecordingException || ex instanceof UserError) {
                err.println("lockscope: " + oneLine(ex.getMessage()));
            } else {
                err.println("lockscope: internal error: " + oneLine(String.valueOf(ex))
                        + (verbose ? "" : " (run with --verbose for details)"));
            }
            err.flush();
            return EXIT_FAILURE;
        });
        return cl.execute(args);
    }

    /** Standard output as bytes for the command {@code spec} belongs to. */
    static OutputStream binaryOut(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof LockscopeCli cli ? cli.binaryOut : System.out;
    }

    /**
     * An error is one line on stderr whatever its message holds: a damaged recording's bytes can reach a message (e.g. a
     * number the parser could not read), and a line break there would split the error, so breaks are shown escaped.
     */
    static String oneLine(String message) {
        return message == null ? "null" : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String commandPath(CommandLine c) {
        StringBuilder b = new StringBuilder();
        for (CommandLine x = c; x != null && x.getParent() != null; x = x.getParent()) {
            b.insert(0, x.getCommandName() + " ");
        }
        return b.toString();
    }

    /** Reads the version Maven wrote into the jar. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lockscope " + Version.get() + " (Java " + Runtime.version() + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
        }
    }
}
