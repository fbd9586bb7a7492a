package dev.lockscope.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Enumeration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Puts the dispatcher classes (dev.lockscope.agent.boot) into the boot loader, so advice inlined into
 * java.base can call them. Defines them directly where the JVM allows it; appending a jar to the boot
 * search path is the fallback, because with class data sharing it makes the JVM print a warning on stderr.
 * Must run before any class that implements or uses the dispatcher types is loaded.
 */
public final class BootInjector {
    private BootInjector() {
    }

    /** Returns how the classes were injected. */
    public static String inject(Instrumentation inst, File bootJar) throws IOException {
        if (ClassInjector.UsingUnsafe.isAvailable()) {
            try {
                Map<String, byte[]> types = new LinkedHashMap<>();
                try (JarFile jar = new JarFile(bootJar)) {
                    Enumeration<JarEntry> en = jar.entries();
                    while (en.hasMoreElements()) {
                        JarEntry e = en.nextElement();
                        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && !e.getName().endsWith("module-info.class")) {
                            String name = e.getName().substring(0, e.getName().length() - 6).replace('/', '.');
                            try (InputStream in = jar.getInputStream(e)) {
                                types.put(name, in.readAllBytes());
                            }
                        }
                    }
                }
                ClassInjector.UsingUnsafe.ofBootLoader().injectRaw(supertypesFirst(types));
                return "defined in the boot loader";
            } catch (RuntimeException | LinkageError e) {
                // fall through to the documented API
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(bootJar));
        return "appended to the boot class path";
    }

    /**
     * Defining a class makes the JVM resolve its superclass and interfaces through the boot loader at once, so
     * those among {@code types} must be defined before it.
     */
    static Map<String, byte[]> supertypesFirst(Map<String, byte[]> types) {
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : types.keySet()) {
            addAfterSupertypes(name, types, ordered, new ArrayList<>());
        }
        return ordered;
    }

    private static void addAfterSupertypes(String name, Map<String, byte[]> types, Map<String, byte[]> ordered, List<String> path) {
        if (ordered.containsKey(name) || path.contains(name)) {
            return;
        }
        path.add(name);
        ClassReader r = new ClassReader(types.get(name));
        List<String> supers = new ArrayList<>(List.of(r.getInterfaces()));
        if (r.getSuperName() != null) {
            supers.add(r.getSuperName());
        }
        for (String s : supers) {
            String dotted = s.replace('/', '.');
            if (types.containsKey(dotted)) {
                addAfterSupertypes(dotted, types, ordered, path);
            }
        }
        ordered.put(name, types.get(name));
    }
}
