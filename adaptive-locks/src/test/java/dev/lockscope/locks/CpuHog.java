package dev.lockscope.locks;

/** A busy thread beside the workers, so that on 2 cores lock owners get preempted. */
final class CpuHog implements AutoCloseable {
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::burn, "cpu-hog");
    volatile long sink;

    CpuHog() {
        thread.setDaemon(true);
        thread.start();
    }

    private void burn() {
        long x = 1;
        while (running) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sink = x;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
