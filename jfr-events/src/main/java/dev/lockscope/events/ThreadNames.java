package dev.lockscope.events;

/**
 * How lockscope names a thread, in the agent's events and the analyzer's reports alike, so no name is ever blank:
 * virtual threads are often unnamed (the JDK gives them the empty name), and JFR then writes {@code ""}.
 */
public final class ThreadNames {
    /** The thread group the JDK puts every virtual thread in; JFR records it, and no platform thread's group is a root of that name. */
    public static final String VIRTUAL_GROUP = "VirtualThreads";

    private ThreadNames() {
    }

    /**
     * The thread's name, or when it has none {@code "virtual thread #ID"} for a virtual thread and {@code "#ID"} for a
     * platform thread ({@code ID} its Java thread id; {@code "?"} when that is unknown too).
     */
    public static String display(String name, long javaId, boolean virtual) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String id = javaId >= 0 ? "#" + javaId : "?";
        return virtual ? "virtual thread " + id : id;
    }
}
