package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.TextRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lockscope record -o FILE.jfr -- java ...}: runs a Java command with the lockscope agent recording into a
 * file. The agent goes in through {@code JDK_JAVA_OPTIONS}, which every JDK 9+ {@code java} launcher reads, so it
 * also reaches a JVM started by a script.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Runs a Java command with the lockscope agent, recording its locks into a JFR file "
                + "(then analyze it, or pass --analyze). The command's exit code is lockscope's.",
                "Example: lockscope record -o app.jfr --analyze -- java -jar app.jar"})
public final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "lockscope-record.jfr", paramLabel = "FILE.jfr",
            description = "Where the recording goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--options", paramLabel = "K=V,...", description = "More agent options (see agent/README.md).")
    String options;

    @Option(names = "--analyze", description = "Print the text report of the recording when the command ends.")
    boolean analyze;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The Java command to run (after --).")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException, RecordingException {
        Path jar = AgentJar.findBuilt();
        if (jar == null) {
            throw new UserError("agent jar not found at " + AgentJar.defaultLocation() + " (" + AgentJar.BUILD_HINT + ")");
        }
        Path file = output.toAbsolutePath();
        Files.deleteIfExists(file);
        String agent = "-javaagent:" + jar + "=record=" + file + (options == null || options.isBlank() ? "" : "," + options);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        String before = env.getOrDefault("JDK_JAVA_OPTIONS", "");
        env.put("JDK_JAVA_OPTIONS", (before.isBlank() ? "" : before + " ") + agent);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        int exit = p.waitFor();
        if (!Files.exists(file)) {
            throw new UserError("the command ended (exit code " + exit + ") without writing " + file
                    + " (was it a JDK 9+ java command?)");
        }
        spec.commandLine().getErr().printf("lockscope: recorded %s (%d KiB); the command exited with %d%n", file,
                Files.size(file) / 1024, exit);
        if (analyze) {
            TextRenderer.render(Analysis.analyze(List.of(file), new JmcRecordingReader(), ProgressBar.forStderr()),
                    spec.commandLine().getOut());
        }
        return exit;
    }
}
