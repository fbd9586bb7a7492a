package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.WaitEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Waits that began before the recording they were written in. How much of one counts depends on recordings read
 * apart from it: a JVM's rotated files follow one another, so a wait begun in the previous file's time is inside the
 * time the report covers and counts whole, as it would in the files joined into one; with no recording of its JVM
 * before it, only its part inside its own recording counts (a thread idle for an hour before a 60 s recording would
 * otherwise read as 6000% of it). So these waits are held here, bounded, until every recording has been read, and
 * then {@link #settle settled}. Past the bound a wait is cut to its recording at once, as without other recordings.
 */
final class EarlyWaits {
    /** Waits held per aggregator: a few per thread alive at each recording's start, so far more than real use. */
    static final int MAX_HELD = 20_000;
    /**
     * How far apart two recordings of one JVM may be and still be one span of time (the JVM starts its next chunk as
     * it ends the last), as for chunks of one file.
     */
    static final long CONTIGUOUS_WITHIN_NANOS = 1_000_000_000L;

    /** One wait held: its lock's key, as read, the wait whole, and where it was read. */
    record Held(LockKey key, WaitEvent event, String recording, String site) {
    }

    private final List<Held> held = new ArrayList<>();

    boolean hasRoom() {
        return held.size() < MAX_HELD;
    }

    void hold(LockKey key, WaitEvent wait, String recording, String site) {
        held.add(new Held(key, wait, recording, site));
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Takes over another aggregator's waits, each lock's key as {@code rekey} gives it here. */
    void takeOver(EarlyWaits other, java.util.function.UnaryOperator<LockKey> rekey) {
        for (Held h : other.held) {
            held.add(new Held(rekey.apply(h.key()), h.event(), h.recording(), h.site()));
        }
        other.held.clear();
    }

    /** What settling needs of the recordings read. */
    interface Recordings {
        int count();

        /** The JVM of recording {@code file}: the number of its first recording. */
        int jvmOf(int file);

        long startNanos(int file);

        long endNanos(int file);

        /** Counts a wait cut to its recording's start, {@code nanos} before it left out, for the report's note. */
        void clipped(int file, long nanos);
    }

    /** Told each wait as it is to count. */
    interface Sink {
        void add(LockKey key, WaitEvent wait, String recording, String site);
    }

    /**
     * Hands every wait held to {@code sink}, from the start of the span of its JVM's recordings that its own recording
     * starts (its own start when none came right before it), and lets them go.
     */
    void settle(Recordings recordings, Sink sink) {
        if (held.isEmpty()) {
            return;
        }
        IntUnaryOperator spanStart = spanStarts(recordings);
        for (Held h : held) {
            int file = h.key().jvm();
            WaitEvent w = h.event();
            long from = Math.max(w.startNanos(), recordings.startNanos(spanStart.applyAsInt(file)));
            if (from > w.startNanos()) {
                recordings.clipped(file, from - w.startNanos());
            }
            sink.add(h.key(), clippedFrom(w, from), h.recording(), h.site());
        }
        held.clear();
    }

    /** Per recording, the first recording of the unbroken span of its JVM's recordings it belongs to. */
    private static IntUnaryOperator spanStarts(Recordings r) {
        int n = r.count();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(r::jvmOf).thenComparingLong(r::startNanos));
        int[] first = new int[n];
        int spanFirst = -1;
        long spanEnd = Long.MIN_VALUE;
        int jvm = -1;
        for (int i : order) {
            boolean follows = spanFirst >= 0 && r.jvmOf(i) == jvm && r.startNanos(i) <= spanEnd + CONTIGUOUS_WITHIN_NANOS;
            if (!follows) {
                spanFirst = i;
                jvm = r.jvmOf(i);
                spanEnd = Long.MIN_VALUE;
            }
            first[i] = spanFirst;
            spanEnd = Math.max(spanEnd, r.endNanos(i));
        }
        return i -> first[i];
    }

    /** The wait counted from {@code from} (its own start or later). */
    static WaitEvent clippedFrom(WaitEvent e, long from) {
        if (from <= e.startNanos()) {
            return e;
        }
        long kept = Math.max(0, e.startNanos() + e.durationNanos() - from);
        return new WaitEvent(e.source(), from, kept, e.threadId(), e.threadName(), e.lockClass(), e.address(),
                e.previousOwner(), e.frames(), e.previousOwnerId());
    }
}
