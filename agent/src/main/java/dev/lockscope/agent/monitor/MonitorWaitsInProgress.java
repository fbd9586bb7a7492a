package dev.lockscope.agent.monitor;

/**
 * Monitor waits going on now, as opposed to the JDK's monitor events, which reach the agent about a second after a
 * wait ends. The snapshot thread looks once per idle interval, so a burst of contention can turn the fast pace on
 * before its first event arrives.
 */
interface MonitorWaitsInProgress {
    /** Looks for threads blocked entering a monitor now, and remembers them; true when there are some. */
    boolean look();

    /** Whether one of the threads found by the last {@link #look()} is still blocked in that same wait. */
    boolean sameWaitGoesOn();

    /** Never sees a wait (tests; JVMs without thread management). */
    MonitorWaitsInProgress NONE = new MonitorWaitsInProgress() {
        @Override
        public boolean look() {
            return false;
        }

        @Override
        public boolean sameWaitGoesOn() {
            return false;
        }
    };
}
