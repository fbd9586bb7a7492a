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
@Name("dev.lockscope.LockWait")
@Label("Lock Wait")
@Category({"lockscope", "Locks"})
@Description("A thread waited to acquire a java.util.concurrent lock (sampled above the threshold)")
@StackTrace(true)
public class LockWait extends jdk.jfr.Event {
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

    @Label("Waiters")
    @Description("Threads waiting on this lock when the wait began, this one included")
    public int waiters;

    @Label("Acquired")
    @Description("False when the wait ended by timeout or interrupt")
    public boolean acquired;

    @Label("Source")
    public String source;
}
