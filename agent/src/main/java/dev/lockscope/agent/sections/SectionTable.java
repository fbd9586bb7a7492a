package dev.lockscope.agent.sections;

import dev.lockscope.events.CriticalSection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.jfr.FlightRecorder;

/**
 * The classified sections, in a fixed array (bounded memory; past capacity new ones are counted, not kept), and
 * the periodic hook that writes them all as {@code dev.lockscope.CriticalSection} at the end of every chunk.
 * Appends are lock-free: class loading runs on many threads at once and must never wait for the agent.
 */
public final class SectionTable {
    private final AtomicReferenceArray<Section> sections;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable hook = this::emitAll;

    public SectionTable(int capacity) {
        sections = new AtomicReferenceArray<>(capacity);
    }

    void add(Section s) {
        long i = next.getAndIncrement();
        if (i < sections.length()) {
            sections.set((int) i, s);
        } else {
            dropped.incrementAndGet();
        }
    }

    public int size() {
        return (int) Math.min(next.get(), sections.length());
    }

    public long dropped() {
        return dropped.get();
    }

    public Section get(int i) {
        return sections.get(i);
    }

    public void register() {
        FlightRecorder.addPeriodicEvent(CriticalSection.class, hook);
    }

    public void unregister() {
        FlightRecorder.removePeriodicEvent(hook);
    }

    /** Runs on JFR's periodic thread, never in the application's. */
    void emitAll() {
        int n = size();
        for (int i = 0; i < n; i++) {
            Section s = sections.get(i);
            if (s == null) {
                continue; // claimed by a loading thread, not yet written
            }
            CriticalSection e = new CriticalSection();
            e.className = s.className();
            e.method = s.method();
            e.line = s.line();
            e.acquire = s.acquire();
            e.readOnly = s.readOnly();
            e.basis = s.basis();
            e.commit();
        }
    }
}
