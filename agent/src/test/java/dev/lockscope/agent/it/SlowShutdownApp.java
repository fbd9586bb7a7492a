package dev.lockscope.agent.it;

/**
 * Ends at once, its shutdown hook then holding the JVM in shutdown for {@code args[0]} ms: the agent's background
 * start runs while the JVM is shutting down.
 */
public final class SlowShutdownApp {
    private SlowShutdownApp() {
    }

    public static void main(String[] args) {
        long ms = Long.parseLong(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("ended");
    }
}
