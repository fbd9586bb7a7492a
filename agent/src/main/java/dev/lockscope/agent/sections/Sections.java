package dev.lockscope.agent.sections;

import java.lang.instrument.Instrumentation;

/**
 * Installs the section classifier: a read-only class-load transformer, in place before the application's classes
 * load. The periodic event that publishes the table is registered later ({@code jfr.CriticalSectionEvents}), with
 * the agent's other JFR events, off the application's start-up path.
 */
public final class Sections {
    /** Sections kept for the whole run (about 100 bytes each); more are counted as dropped, never kept. */
    public static final int CAPACITY = 8192;

    private Sections() {
    }

    /** Never throws: a failure here leaves the agent running without read/write classification. */
    public static SectionTable install(Instrumentation inst, ClassLoader agentLoader) {
        try {
            SectionTable table = new SectionTable(CAPACITY);
            table.transformer = new SectionTransformer(table, agentLoader);
            inst.addTransformer(table.transformer, false);
            return table;
        } catch (Throwable t) {
            return null;
        }
    }
}
