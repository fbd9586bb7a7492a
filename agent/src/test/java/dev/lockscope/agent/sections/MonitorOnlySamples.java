package dev.lockscope.agent.sections;

/** Classes whose only critical sections are monitors: nothing in their constant pool names a lock method. */
final class MonitorOnlySamples {
    private MonitorOnlySamples() {
    }

    static final class SyncMethodOnly {
        private int n;

        synchronized int read() {
            return n;
        }
    }

    static final class SyncBlockOnly {
        private final Object guard = new Object();
        private int n;

        void write() {
            synchronized (guard) {
                n++;
            }
        }
    }
}
