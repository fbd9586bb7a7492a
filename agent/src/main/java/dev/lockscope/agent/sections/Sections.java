package dev.lockscope.agent.sections;

import java.lang.instrument.Instrumentation;

/** Installs the section classifier: a read-only class-load transformer and the periodic event that publishes it. */
public final class Sections {
    /** Sections kept for the whole run (about 100 bytes each); more are counted as dropped, never kept. */
    public static final int CAPACITY = 8192;

    private Sections() {
    }

    /** Never throws: a failure here leaves the agent running without read/write classification. */
    public static SectionTable install(Instrumentation inst, ClassLoader agentLoader) {
        try {
            SectionTable table = new SectionTable(CAPACITY);
            table.register();
            inst.addTransformer(new SectionTransformer(table, agentLoader), false);
            return table;
        } catch (Throwable t) {
            return null;
        }
    }
}
