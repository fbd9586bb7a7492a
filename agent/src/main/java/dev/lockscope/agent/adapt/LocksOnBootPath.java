package dev.lockscope.agent.adapt;

import dev.lockscope.agent.instrument.BootInjector;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.JarURLConnection;
import java.net.URL;

/**
 * Puts adaptive-locks into the boot loader, so a swapped {@code new AdaptiveReentrantLock()} in any application
 * class loader resolves to one shared class. Must run before the agent loads any class that names a lock type
 * (its own loader would otherwise define a second copy), which is why it mentions none.
 */
public final class LocksOnBootPath {
    private static final String MARKER = "dev/lockscope/locks/AdaptiveReentrantLock.class";

    private LocksOnBootPath() {
    }

    /** Returns how the lock classes were injected. */
    public static String inject(Instrumentation inst) throws Exception {
        URL url = LocksOnBootPath.class.getClassLoader().getResource(MARKER);
        if (url == null) {
            throw new IllegalStateException("adaptive-locks is not in the agent jar");
        }
        File jar = new File(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        return BootInjector.inject(inst, jar);
    }
}
