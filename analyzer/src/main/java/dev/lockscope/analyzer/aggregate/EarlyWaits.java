package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.WaitEvent;
import java.util.ArrayList;
import java.util.List;

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

    /** Takes over another aggregator's waits, each lock's key as {@code rekey} gives it here. */
    void takeOver(EarlyWaits other, java.util.function.UnaryOperator<LockKey> rekey) {
        for (Held h : other.held) {
            held.add(new Held(rekey.apply(h.key()), h.event(), h.recording(), h.site()));
        }
        other.held.clear();
    }

    /** What settling needs of the recordings read. */
    interface Recordings extends RecordingSpans.Recordings {
        /** Counts a wait cut to its recording's start, {@code nanos} before it left out, for the report's note. */
        void clipped(int file, long nanos);
    }

    /** Told each wait as it is to count. */
    interface Sink {
        void add(LockKey key, WaitEvent wait, String recording, String site);
    }

    /**
     * Hands every wait held to {@code sink}, counted from its start or, if earlier than that, from the start of the
     * span of its JVM's recordings its own recording belongs to (its own start when none came right before it), and
     * lets them go.
     */
    void settle(RecordingSpans spans, Recordings recordings, Sink sink) {
        for (Held h : held) {
            int file = h.key().jvm();
            WaitEvent w = h.event();
            long from = Math.max(w.startNanos(), recordings.startNanos(spans.first(file)));
            if (from > w.startNanos()) {
                recordings.clipped(file, from - w.startNanos());
            }
            sink.add(h.key(), clippedFrom(w, from), h.recording(), h.site());
        }
        held.clear();
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
