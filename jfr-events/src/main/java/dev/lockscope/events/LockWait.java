package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One contended wait on a java.util.concurrent lock, written by the agent when the wait is longer than the
 * event's threshold (and the per-second sampling budget allows). The event's duration is the wait itself.
 */
@Name(LockWait.NAME)
@Label("Lock Wait")
@Category({"lockscope", "Locks"})
@Description("A thread waited to acquire a java.util.concurrent lock (sampled above the threshold); the stack starts at the acquire site, below the lock's own code (see AgentStatus lockWaitStacks)")
@StackTrace(true)
public class LockWait extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.LockWait";

    @Label("Lock Class")
    @Description("Class of the lock, e.g. java.util.concurrent.locks.ReentrantLock, or the AQS subclass")
    public String lockClass;

    @Label("Lock Site")
    @Description("Where the lock was constructed (Class.method:line), or where it was first contended when the construction site is unknown")
    public String site;

    @Label("Site Kind")
    @Description("'constructed' when the site is the construction call, 'first-contended' when it is the first contended acquire")
    public String siteKind;

    @Label("Lock Id")
    @Description("Identity hash of the lock's synchronizer, to tell instances of one site apart")
    public long lockId;

    @Label("Mode")
    @Description("write, read, exclusive, shared (semaphores, latches) or condition")
    public String mode;

    @Label("Owner")
    @Description("The exclusive owner when the wait began (absent for read holders, semaphores and StampedLock)")
    public Thread owner;

    @Label("Carrier")
    @Description("The platform thread a virtual-thread waiter was mounted on when its wait began (absent for platform-thread waiters); the event's thread is the virtual thread itself")
    public Thread carrier;

    @Label("Waiters")
    @Description("Threads waiting on this lock when the wait began, this one included")
    public int waiters;

    @Label("Acquired")
    @Description("False when the wait ended by timeout or interrupt")
    public boolean acquired;

    @Label("Source")
    public String source;

    @Label("Owner On-CPU Share")
    @Description("Share of this wait the owner spent on a CPU, from the owner's cumulative on-CPU ns read at wait start and end; -1 when not measured (see Owner On-CPU Source)")
    public double ownerOnCpuShare;

    @Label("Owner On-CPU Source")
    @Description("Where Owner On-CPU Share comes from (e.g. 'measured: eBPF sched_switch ...'), or why it is -1")
    public String ownerOnCpuSource;

    @Label("Owner Preempted Share")
    @Description("Share of this wait the owner was runnable but off a CPU after the scheduler switched it out as runnable (preempted, or a yield), from the owner's cumulative run-queue ns (eBPF sched_switch) at wait start and end; measured with Owner On-CPU Share and from the same source; -1 when not measured")
    public double ownerPreemptedShare;

    @Label("Owner Off-CPU Voluntary Share")
    @Description("Share of this wait the owner was off a CPU by its own doing (blocked, parked, sleeping, in I/O, and from its wake-up until it ran again): 1 - Owner On-CPU Share - Owner Preempted Share; -1 when not measured")
    public double ownerOffCpuVoluntaryShare;

    @Label("Futex Calls")
    @Description("futex system calls of this waiter plus the owner during the wait, counted when one futex-counting window covered the whole wait; -1 when not counted (see Futex Source)")
    public long futexCalls;

    @Label("Futex Source")
    @Description("Where Futex Calls comes from (e.g. 'measured: eBPF sys_enter ...'), or why it is -1")
    public String futexSource;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String LOCK_CLASS = "lockClass";
        public static final String SITE = "site";
        public static final String SITE_KIND = "siteKind";
        public static final String LOCK_ID = "lockId";
        public static final String MODE = "mode";
        public static final String OWNER = "owner";
        public static final String CARRIER = "carrier";
        public static final String WAITERS = "waiters";
        public static final String ACQUIRED = "acquired";
        public static final String SOURCE = "source";
        public static final String OWNER_ON_CPU_SHARE = "ownerOnCpuShare";
        public static final String OWNER_ON_CPU_SOURCE = "ownerOnCpuSource";
        public static final String OWNER_PREEMPTED_SHARE = "ownerPreemptedShare";
        public static final String OWNER_OFF_CPU_VOLUNTARY_SHARE = "ownerOffCpuVoluntaryShare";
        public static final String FUTEX_CALLS = "futexCalls";
        public static final String FUTEX_SOURCE = "futexSource";

        private Fields() {
        }
    }
}
