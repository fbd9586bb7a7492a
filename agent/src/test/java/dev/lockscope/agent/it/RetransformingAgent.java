package dev.lockscope.agent.it;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A second agent, as a host might run beside lockscope's: in premain it registers a retransformable transformer that
 * changes nothing and retransforms the JDK's lock classes, which lockscope has already hooked. Prints one line on
 * stderr saying how many classes it was handed.
 */
public final class RetransformingAgent {
    private RetransformingAgent() {
    }

    public static void premain(String args, Instrumentation inst) throws Exception {
        int[] seen = new int[1];
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
                if (redefined != null && name != null && name.startsWith("java/util/concurrent/locks/")) {
                    seen[0]++;
                }
                return null;
            }
        }, true);
        inst.retransformClasses(Class.forName("java.util.concurrent.locks.AbstractQueuedSynchronizer"),
                Class.forName("java.util.concurrent.locks.StampedLock"));
        System.err.println("retransforming agent: handed " + seen[0] + " lock classes");
    }
}
