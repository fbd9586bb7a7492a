package dev.lockscope.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * The agent's one class-load transformer: its parts in turn, each given the bytes as the one before left them, as
 * {@code java.lang.instrument} would chain them. One registration, not one per part: the JDK calls every
 * registered transformer through one shared default method, which with two of ours saw two receiver types, and the
 * JIT compiled it three times (about 60 ms of C2 each, during a Spring Boot start-up) instead of once.
 */
public final class LoadTimeTransformer implements ClassFileTransformer {
    private final ClassFileTransformer[] parts;

    /**
     * @param parts the parts in order, none null (a part that is off is left out), none throwing (each catches its
     *              own failures, as a transformer must not fail the class load)
     */
    public LoadTimeTransformer(List<ClassFileTransformer> parts) {
        this.parts = parts.toArray(new ClassFileTransformer[0]);
    }

    public boolean isEmpty() {
        return parts.length == 0;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes)
            throws IllegalClassFormatException {
        byte[] current = bytes;
        byte[] changed = null;
        for (ClassFileTransformer part : parts) {
            byte[] out = part.transform(loader, className, redefined, pd, current);
            if (out != null) {
                current = out;
                changed = out;
            }
        }
        return changed;
    }
}
