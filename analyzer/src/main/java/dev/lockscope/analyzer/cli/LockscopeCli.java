package dev.lockscope.analyzer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockscope} command: one subcommand per job. */
@Command(name = "lockscope",
        mixinStandardHelpOptions = true,
        versionProvider = LockscopeCli.Version.class,
        description = "Finds the locks that hold a Java program back, explains why, and suggests a better lock.",
        subcommands = {CommandLine.HelpCommand.class, AttachCommand.class})
public final class LockscopeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LockscopeCli());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = LockscopeCli.class.getResourceAsStream("/dev/lockscope/analyzer/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"lockscope " + p.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
        }
    }
}
