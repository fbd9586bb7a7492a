package dev.lockscope.analyzer;

import java.util.concurrent.locks.LockSupport;

/**
 * Pins a virtual thread to its carrier: it parks inside a class initializer, which pins on every JDK with virtual
 * threads (JDK 24 stopped pinning in synchronized, not in class initialisation). Virtual threads are JDK 21+ API,
 * so they are reached by reflection here (this code is compiled for Java 17).
 */
public final class PinningProgram {
    static final long PARK_NANOS = 60_000_000L;

    static final class SlowInit {
        static {
            LockSupport.parkNanos(PARK_NANOS);
        }

        static void touch() {
        }
    }

    private PinningProgram() {
    }

    public static void main(String[] args) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Runnable body = SlowInit::touch;
        Thread t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, body);
        t.join();
    }
}
