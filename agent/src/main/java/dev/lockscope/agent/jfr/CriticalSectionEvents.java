package dev.lockscope.agent.jfr;

import dev.lockscope.agent.sections.Section;
import dev.lockscope.agent.sections.SectionTable;
import dev.lockscope.events.CriticalSection;
import jdk.jfr.FlightRecorder;

/**
 * Writes every classified section of a {@link SectionTable} as {@code dev.lockscope.CriticalSection}, from JFR's
 * periodic thread at the end of every chunk (lockscope.jfc's period), never from the application's.
 */
public final class CriticalSectionEvents {
    private final SectionTable table;
    private final Runnable hook = this::emitAll;

    public CriticalSectionEvents(SectionTable table) {
        this.table = table;
    }

    public void register() {
        FlightRecorder.addPeriodicEvent(CriticalSection.class, hook);
    }

    public void unregister() {
        FlightRecorder.removePeriodicEvent(hook);
    }

    void emitAll() {
        table.classifyPending();
        int n = table.size();
        for (int i = 0; i < n; i++) {
            Section s = table.get(i);
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
