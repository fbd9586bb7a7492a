package dev.lockscope.examples;

/**
 * Built for the verdict "fewer threads": 64 CPU-bound threads on a machine with a few cores take turns on a
 * monitor held briefly; the owner is often preempted while holding it, and everyone waits for it to be
 * scheduled again.
 */
public final class TooManyThreads {
    private final Object lock = new Object();
    private long total;

    void add(long v) {
        synchronized (lock) {
            total += v;
            Spin.work(1_000);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, 64);
        TooManyThreads t = new TooManyThreads();
        TimedRun.report(TimedRun.run("oversubscribed", (int) a[1], a[0], i -> t.add(Spin.work(20_000))));
    }
}
