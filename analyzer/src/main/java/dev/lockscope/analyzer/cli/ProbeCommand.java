package dev.lockscope.analyzer.cli;

import dev.lockscope.probe.Probe;
import dev.lockscope.probe.ProbeReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockscope probe}: what the native probe can see on this machine, each capability with its source. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Prints the native probe's capabilities on this machine (rseq, on-CPU state, off-CPU time, "
                + "futex counts), each with its source or the reason it is missing.", "Example: lockscope probe --format json"})
public final class ProbeCommand implements Callable<Integer> {
    /** The probe's own formats: a table or JSON. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        Probe probe = Probe.get();
        try {
            ProbeReport report = probe.report();
            spec.commandLine().getOut().println(format == Format.json ? report.json() : wrapped(report.text().stripTrailing()));
            spec.commandLine().getOut().flush();
        } finally {
            probe.close();
        }
        return 0;
    }

    /** A capability's line: name, yes/no, then its source or reason, wrapped under that last column. */
    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("^\\S.*?\\s{2,}(yes|no)\\s+");

    static String wrapped(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            java.util.regex.Matcher m = ROW.matcher(line);
            int indent = m.find() ? m.end() : 2;
            for (String l : Columns.wrap(line, LockscopeCli.HELP_WIDTH, indent)) {
                b.append(b.length() == 0 ? "" : "\n").append(l);
            }
        }
        return b.toString();
    }
}
