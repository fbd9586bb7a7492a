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
                + "(then analyze it, or pass --analyze). The command's exit code is lockscope's. A command that "
                + "starts several JVMs gets one file per JVM: FILE-PID.jfr.",
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
        // Each JVM the command starts writes its own file (the agent puts its pid for %p); one JVM's is renamed to
        // the file asked for afterwards, several are kept side by side.
        String name = file.getFileName().toString();
        String stem = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.getParent();
        String pattern = stem + "-%p.jfr";
        List<Path> existing = perJvmFiles(dir, stem);
        String agent = "-javaagent:" + jar + "=record=" + dir.resolve(pattern)
                + (options == null || options.isBlank() ? "" : "," + options);
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
        List<Path> written = perJvmFiles(dir, stem);
        written.removeAll(existing);
        if (written.isEmpty()) {
            // The command's exit code is kept whatever happened to the recording; the line says what did.
            spec.commandLine().getErr().println("lockscope: nothing recorded: the command exited with " + exit
                    + " before a JVM with the agent wrote " + file + " (was it a JDK 9+ java command?)");
            return exit;
        }
        if (written.size() == 1) {
            Files.move(written.get(0), file);
            written = List.of(file);
        }
        for (Path w : written) {
            spec.commandLine().getErr().printf("lockscope: recorded %s (%d KiB)%n", w, Files.size(w) / 1024);
        }
        spec.commandLine().getErr().printf("lockscope: %sthe command exited with %d%n",
                written.size() > 1 ? "the command started " + written.size() + " JVMs, one recording each; " : "", exit);
        if (analyze) {
            TextRenderer.render(Analysis.analyze(written, new JmcRecordingReader(), ProgressBar.forStderr()),
                    spec.commandLine().getOut());
        }
        return exit;
    }

    /** Files named STEM-PID.jfr in dir, in name order. */
    private static List<Path> perJvmFiles(Path dir, String stem) throws IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(stem) + "-\\d+\\.jfr");
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> p.matcher(f.getFileName().toString()).matches()).sorted()
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
    }
}
