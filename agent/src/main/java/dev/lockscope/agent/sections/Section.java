package dev.lockscope.agent.sections;

/**
 * One classified acquire site.
 *
 * @param className dotted class name
 * @param method    method name
 * @param line      source line of the acquire (-1 without line numbers)
 * @param acquire   lock, lockInterruptibly, tryLock, monitorenter or synchronized-method
 * @param readOnly  the section stores nothing and calls no mutator-looking method
 * @param basis     why: "no stores, no mutator calls", the first write found, or why it could not be classified
 */
public record Section(String className, String method, int line, String acquire, boolean readOnly, String basis) {
    static final String READ_ONLY = "no stores, no mutator calls";
}
