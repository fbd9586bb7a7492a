package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Whether the native probe is joined into the agent's figures, and if not, why not. */
@Name(ProbeStatus.NAME)
@Label("Probe Status")
@Category({"lockscope", "Agent"})
@Description("Native-probe capability: what is measured, from which source, or why it is unavailable")
@StackTrace(false)
@Period("1 s")
public class ProbeStatus extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.ProbeStatus";

    @Label("Available") public boolean available;
    @Label("On-CPU Source") @Description("e.g. 'eBPF sched_switch (measured)', '/proc (sampled)', or 'unavailable'") public String onCpuSource;
    @Label("Futex Source") public String futexSource;
    @Label("Reason") @Description("Why the probe (or a part of it) is unavailable; empty when available") public String reason;
    @Label("Monitor Waits With Owner Share") @Description("synchronized waits since start whose owner on-CPU share was interpolated from the on-CPU snapshots") public long monitorWaitsMeasured;
    @Label("Monitor Waits Too Short") @Description("synchronized waits since start too short for the snapshot resolution: no share given") public long monitorWaitsTooShort;
    @Label("Monitor Waits Not Covered") @Description("synchronized waits since start whose owner was not watched, or that fell outside the snapshot history: no share given") public long monitorWaitsNotCovered;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String AVAILABLE = "available";
        public static final String ON_CPU_SOURCE = "onCpuSource";
        public static final String FUTEX_SOURCE = "futexSource";
        public static final String REASON = "reason";
        public static final String MONITOR_WAITS_MEASURED = "monitorWaitsMeasured";
        public static final String MONITOR_WAITS_TOO_SHORT = "monitorWaitsTooShort";
        public static final String MONITOR_WAITS_NOT_COVERED = "monitorWaitsNotCovered";

        private Fields() {
        }
    }
}
