package dev.lockscope.probe;

/** Prints the probe's capability table: {@code ProbeMain [--format text|json]}. Exit 2 with one line on bad usage. */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) {
        String format = "text";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--format") && i + 1 < args.length) {
                format = args[++i];
            } else if (args[i].startsWith("--format=")) {
                format = args[i].substring("--format=".length());
            } else {
                System.err.println("lockscope probe: unknown argument '" + args[i] + "' (usage: probe [--format text|json])");
                System.exit(2);
            }
        }
        if (!format.equals("text") && !format.equals("json")) {
            System.err.println("lockscope probe: --format must be text or json, not '" + format + "'");
            System.exit(2);
        }
        Probe probe = Probe.get();
        ProbeReport report = probe.report();
        System.out.println(format.equals("json") ? report.json() : report.text().stripTrailing());
        probe.close();
    }
}
