package dev.lockscope.agent.advice;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's CPU time, all threads, as the kernel accounts it (the JVM reads it with getrusage or /proc). Half of
 * the advisor's active thread-time: a thread on a CPU is working, whatever pool it belongs to; an idle one is not.
 */
final class ProcessCpuClock {
    private final com.sun.management.OperatingSystemMXBean os;

    ProcessCpuClock() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean
                ? (com.sun.management.OperatingSystemMXBean) bean : null;
    }

    /** CPU ns used by the process so far, or -1 where this JVM does not tell. */
    long cpuNanos() {
        try {
            return os == null ? -1 : os.getProcessCpuTime();
        } catch (Throwable t) {
            return -1;
        }
    }
}
