package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * One lock acquire site of the application, classified from its bytecode when its class loaded: does the
 * critical section that starts there only read, or may it write? The analyzer joins these with the waits'
 * acquiring frames to estimate a lock's share of readers. Written for every classified site at the end of each
 * chunk, so every chunk of a recording carries the table whenever the recording started.
 */
@Name(CriticalSection.NAME)
@Label("Critical Section")
@Category({"lockscope", "Locks"})
@Description("A lock acquire site classified from bytecode at class load: read-only section or not (a heuristic: estimated)")
@StackTrace(false)
@Period("endChunk")
public class CriticalSection extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.CriticalSection";

    @Label("Class") @Description("The class holding the acquire site, e.g. com.example.Cache") public String className;
    @Label("Method") public String method;
    @Label("Line") @Description("Source line of the acquire instruction (lock(), tryLock(), monitorenter) or, for a synchronized method, of its first instruction; -1 without line numbers") public int line;
    @Label("Acquire") @Description("lock, lockInterruptibly, tryLock, monitorenter or synchronized-method") public String acquire;
    @Label("Read Only") @Description("True when the section up to its release stores no field, static or array element and calls no method named like a mutator") public boolean readOnly;
    @Label("Basis") @Description("Why: 'no stores, no mutator calls', the first write found (e.g. 'putfield count at line 42', 'calls java.util.Map.put at line 30'), or why the section could not be classified") public String basis;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String CLASS_NAME = "className";
        public static final String METHOD = "method";
        public static final String LINE = "line";
        public static final String ACQUIRE = "acquire";
        public static final String READ_ONLY = "readOnly";
        public static final String BASIS = "basis";

        private Fields() {
        }
    }
}
