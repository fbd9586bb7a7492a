package dev.lockscope.agent.hooks;

/** What {@link LockHooks} hands virtual threads' monitor waits to (JDK 24+), under its per-thread guard. */
public interface VirtualMonitorHooks {
    void blocking(Thread vthread);

    void unblocked(Thread vthread);

    void unmountedAfterUnblock(Thread vthread);
}
