package dev.lockscope.analyzer.model;

import java.util.List;

/** The JFR event types that tell what a lock's owner was doing while others waited, and what each of them means. */
public final class OwnerEventTypes {
    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    public static final String NATIVE_SAMPLE = "jdk.NativeMethodSample";
    public static final String THREAD_SLEEP = "jdk.ThreadSleep";
    public static final String FILE_READ = "jdk.FileRead";
    public static final String FILE_WRITE = "jdk.FileWrite";
    public static final String FILE_FORCE = "jdk.FileForce";
    public static final String SOCKET_READ = "jdk.SocketRead";
    public static final String SOCKET_WRITE = "jdk.SocketWrite";
    public static final String GC_PHASE_PAUSE = "jdk.GCPhasePause";
    public static final String SAFEPOINT_BEGIN = "jdk.SafepointBegin";
    public static final String EXECUTE_VM_OPERATION = "jdk.ExecuteVMOperation";

    /** Pauses of every Java thread. */
    public static final List<String> PAUSES = List.of(GC_PHASE_PAUSE, SAFEPOINT_BEGIN, EXECUTE_VM_OPERATION);

    /** All of them: what the report checks the recording's settings for. */
    public static final List<String> ALL = List.of(EXECUTION_SAMPLE, NATIVE_SAMPLE, THREAD_SLEEP, FILE_READ, FILE_WRITE,
            FILE_FORCE, SOCKET_READ, SOCKET_WRITE, GC_PHASE_PAUSE, SAFEPOINT_BEGIN, EXECUTE_VM_OPERATION);

    private OwnerEventTypes() {
    }
}
