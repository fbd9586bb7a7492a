package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.classify.WaitClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report must say when the program ran virtual threads: the JDK records no {@code jdk.ThreadPark} for a
 * virtual thread parked on a java.util.concurrent lock, nor (JDK 24+) a {@code jdk.JavaMonitorEnter} for one blocked
 * on a monitor, since both unmount rather than block their carrier; only pinned waits show. Their contention is then
 * missing from the report, and the lockscope agent is the way to get it. One note per recording that shows virtual
 * threads and lacks their waits.
 */
final class VirtualThreadNotes {
    static final String HOW = "record with the lockscope agent, which times them: java -javaagent:lockscope-agent.jar"
            + "=record=FILE.jfr ..., or lockscope attach PID -o FILE.jfr";

    private VirtualThreadNotes() {
    }

    static List<String> of(List<RecordingFacts> recordings) {
        List<String> notes = new ArrayList<>();
        for (RecordingFacts f : recordings) {
            int threads = f.virtualThreads();
            int carriers = f.carrierThreads();
            if (threads == 0 && carriers == 0 && f.agentVirtualWaits() == 0) {
                continue;
            }
            String file = String.valueOf(f.layout().path().getFileName());
            if (!f.hasAgentEvents()) {
                long pinnedEnters = f.virtualEvents(WaitClassifier.MONITOR_ENTER);
                String ran = threads > 0 ? threads + (threads == 1 ? " virtual thread" : " virtual threads") + " ran"
                        : "virtual threads ran (" + carriers + " carrier " + (carriers == 1 ? "thread" : "threads")
                        + " of the JDK's virtual-thread scheduler show in it)";
                notes.add(file + ": " + ran + ", and the"
                        + " JDK records no lock wait of a virtual thread that unmounts to wait: none on a"
                        + " java.util.concurrent lock, none on a synchronized monitor from JDK 24"
                        + (pinnedEnters > 0 ? " (the " + pinnedEnters + " monitor waits of virtual threads here pinned"
                        + " their carrier)" : "") + ". Any contention among them is missing from this report: " + HOW);
            } else if (f.agentVirtualThreadMonitors() != null && f.agentVirtualThreadMonitors().startsWith("not timed")
                    && jdk24(f.jvmVersion())) {
                notes.add(file + ": virtual threads ran, and the agent saw their java.util.concurrent waits but did not"
                        + " time their synchronized waits, which the JDK does not record from JDK 24: "
                        + f.agentVirtualThreadMonitors());
            }
        }
        return notes;
    }

    /** Whether a jdk.JVMInformation version names JDK 24 or later (unknown: false). */
    static boolean jdk24(String jvmVersion) {
        String v = ReportBuilder.javaVersion(jvmVersion);
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        return i > 0 && Integer.parseInt(v.substring(0, i)) >= 24;
    }
}
