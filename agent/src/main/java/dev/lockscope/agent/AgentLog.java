package dev.lockscope.agent;

/**
 * The agent's few words in the host's stderr, and what it keeps for the recording. By default ({@code log=stderr}) the
 * host sees one line when the agent starts and one when it stops; the details (probe fallbacks, hooks that did not
 * install, advice, meters bound) go to the recording's {@code dev.lockscope.AgentStatus} events (the last
 * {@link #KEPT} of them) and to stderr only with {@code log=verbose}. {@code log=off} prints nothing. Lines come from the agent's own threads only, never from a hook, so the
 * monitor guarding the kept ring costs the host nothing.
 */
final class AgentLog {
    /** Detail lines kept for AgentStatus (bounded memory: at most this many, each clipped). */
    static final int KEPT = 16;
    static final int MAX_LINE = 400;
    private static final String PREFIX = "[lockscope] ";

    private static volatile String mode = "stderr";
    /** Guarded by the class's monitor: {@link #keep} writes it, {@link #recent} reads it. */
    private static final String[] kept = new String[KEPT];
    private static long written;

    private AgentLog() {
    }

    /** {@code stderr} (default), {@code verbose} or {@code off}; anything else is refused. */
    static void mode(String m) {
        if (!m.equals("stderr") && !m.equals("verbose") && !m.equals("off")) {
            throw new IllegalArgumentException("agent option log must be stderr, verbose or off, not '" + m + "'");
        }
        mode = m;
    }

    /** One of the two lines the host sees: the agent started, or stopped. */
    static void headline(String line) {
        String one = oneLine(line);
        keep(one);
        if (!mode.equals("off")) {
            System.err.println(PREFIX + one);
        }
    }

    /**
     * Something the user asked for that could not be done (a metrics port taken, a recording refused): the host sees
     * it too, since nothing else would tell them. Rare by construction: at most one per option given.
     */
    static void warning(String line) {
        headline(line);
    }

    /** Everything else: kept for the recording, printed only with {@code log=verbose}. */
    static void detail(String line) {
        String one = oneLine(line);
        keep(one);
        if (mode.equals("verbose")) {
            System.err.println(PREFIX + one);
        }
    }

    /** {@code text} cut to at most {@code max} characters, "..." marking the cut. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /**
     * A reason with line breaks in it (a kernel verifier's log, an exception's message) as one line, its lines joined
     * by " / ": a line is what the host's log readers and the kept ring count in.
     */
    static String oneLine(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    /**
     * The kept lines, oldest first, one per line (empty when none). Under the monitor {@link #keep} takes: a reader
     * racing a writer would otherwise see a slot overwritten by a newer line, out of order, or not yet visible.
     */
    static synchronized String recent() {
        long n = written;
        StringBuilder b = new StringBuilder();
        for (long i = Math.max(0, n - KEPT); i < n; i++) {
            String s = kept[(int) (i % KEPT)];
            if (s != null) {
                b.append(b.length() == 0 ? "" : "\n").append(s);
            }
        }
        return b.toString();
    }

    private static synchronized void keep(String line) {
        // Only the agent's threads log, never a hook: a monitor here costs the host nothing.
        kept[(int) (written % KEPT)] = clip(line, MAX_LINE);
        written++;
    }
}
