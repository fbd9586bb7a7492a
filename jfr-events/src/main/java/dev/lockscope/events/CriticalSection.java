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
@Name("dev.lockscope.CriticalSection")
@Label("Critical Section")
@Category({"lockscope", "Locks"})
@Description("A lock acquire site classified from bytecode at class load: read-only section or not (a heuristic: estimated)")
@StackTrace(false)
@Period("endChunk")
public class CriticalSection extends jdk.jfr.Event {
    @Label("Class") @Description("The class holding the acquire site, e.g. com.example.Cache") public String className;
    @Label("Method") public String method;
    @Label("Line") @Description("Source line of the acquire instruction (lock(), tryLock(), monitorenter) or, for a synchronized method, of its first instruction; -1 without line numbers") public int line;
    @Label("Acquire") @Description("lock, lockInterruptibly, tryLock, monitorenter or synchronized-method") public String acquire;
    @Label("Read Only") @Description("True when the section up to its release stores no field, static or array element and calls no method named like a mutator") public boolean readOnly;
    @Label("Basis") @Description("Why: 'no stores, no mutator calls', the first write found (e.g. 'putfield count at line 42', 'calls java.util.Map.put at line 30'), or why the section could not be classified") public String basis;
}
