package dev.lockscope.agent.sections;

/**
 * Makes the section classifier: a read-only class-load transformer, which the agent registers (as a part of its
 * {@code instrument.LoadTimeTransformer}) before the application's classes load. The periodic event that publishes
 * the table is registered later ({@code jfr.CriticalSectionEvents}), with the agent's other JFR events, off the
 * application's start-up path.
 */
public final class Sections {
    /** Sections kept for the whole run (about 100 bytes each); more are counted as dropped, never kept. */
    public static final int CAPACITY = 8192;

    private Sections() {
    }

    /**
     * The table and its class-load transformer ({@link SectionTable#transformer}, for the agent to register). Never
     * throws: a failure here leaves the agent running without read/write classification.
     */
    public static SectionTable create(ClassLoader agentLoader) {
        try {
            SectionTable table = new SectionTable(CAPACITY);
            table.transformer = new SectionTransformer(table, agentLoader);
            return table;
        } catch (Throwable t) {
            return null;
        }
    }
}
