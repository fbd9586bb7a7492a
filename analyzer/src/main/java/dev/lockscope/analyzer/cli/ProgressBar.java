package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, shown only when reading takes more than a second and stderr is a terminal
 * (the launcher tells us, since Java 17 cannot ask about stderr itself). One bar for all files: bytes read of all of
 * them, and with several recordings, how many are read.
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
    private int widest = 79;
    private int recordingsDone;
    private int recordingsTotal;

    ProgressBar(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    static Analysis.ProgressListener forStderr() {
        return Boolean.getBoolean("lockscope.stderrTty") ? new ProgressBar(System.err, System::nanoTime) : Analysis.ProgressListener.NONE;
    }

    @Override
    public synchronized void recordings(int done, int total) {
        recordingsDone = done;
        recordingsTotal = total;
    }

    @Override
    public synchronized void progress(long done, long total, String file) {
        long now = clock.getAsLong();
        if (done >= total) {
            if (drawn) {
                err.print("\r" + " ".repeat(widest) + "\r");
                err.flush();
            }
            return;
        }
        if (now - started < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        boolean many = recordingsTotal > 1;
        int bar = many ? BAR / 2 : BAR;
        int filled = (int) (bar * done / Math.max(1, total));
        double secs = (now - started) / 1e9;
        int nameWidth = many ? 12 : 20;
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %,d/%,d MiB %.0f MiB/s%s %s", "#".repeat(filled),
                ".".repeat(bar - filled), 100 * done / Math.max(1, total), done >> 20, total >> 20,
                (done >> 20) / Math.max(secs, 1e-3),
                many ? String.format(Locale.ROOT, " %,d/%,d recordings", recordingsDone, recordingsTotal) : "",
                file.length() > nameWidth ? file.substring(0, nameWidth) : file);
        widest = Math.max(widest, line.length());
        err.print("\r" + line);
        err.flush();
    }
}
