package dev.lockscope.analyzer.read;

import dev.lockscope.analyzer.model.WaitEvent;

/**
 * A visitor that ignores everything: extend it and override what you keep (a benchmark that only counts events, a
 * test that captures one kind). The analyzer's own visitor implements every method on purpose, so that a new
 * callback cannot be forgotten there.
 */
public class IgnoringVisitor implements RecordingVisitor {
    @Override
    public void waitEvent(WaitEvent event) {
    }

    @Override
    public void threadCount(long timeNanos, long activeThreads) {
    }

    @Override
    public void cpuLoad(long timeNanos, double jvmUser, double jvmSystem) {
    }

    @Override
    public void cpuCount(long hwThreads) {
    }

    @Override
    public void setting(String eventType, String name, String value) {
    }

    @Override
    public void garbageCollection(long endNanos) {
    }

    @Override
    public void jvm(String jvmName, String jvmVersion, long pid, long jvmStartNanos) {
    }
}
