package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, shown only when reading takes more than a second and stderr is a terminal
 * (the launcher tells us, since Java 17 cannot ask about stderr itself).
 */
final class ProgressBar implements Analysis.ProgressListener {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    static Analysis.ProgressListener forStderr() {
        return Boolean.getBoolean("lockscope.stderrTty") ? new ProgressBar(System.err, System::nanoTime) : Analysis.ProgressListener.NONE;
    }

    @Override
    public synchronized void progress(long done, long total, String file) {
        long now = clock.getAsLong();
        if (done >= total) {
            if (drawn) {
                err.print("\r" + " ".repeat(79) + "\r");
                err.flush();
            }
            return;
        }
        if (now - started < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = (int) (BAR * done / Math.max(1, total));
        double secs = (now - started) / 1e9;
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d MiB %.0f MiB/s %s", "#".repeat(filled), ".".repeat(BAR - filled),
                100 * done / Math.max(1, total), done >> 20, total >> 20, (done >> 20) / Math.max(secs, 1e-3),
                file.length() > 20 ? file.substring(0, 20) : file);
        err.flush();
    }
}
