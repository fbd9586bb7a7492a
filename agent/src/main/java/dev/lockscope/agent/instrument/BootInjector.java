package dev.lockscope.agent.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Puts the dispatcher classes (dev.lockscope.agent.dispatch) into the boot loader, so the hook calls woven into
 * java.base can reach them. Defines them directly where the JVM allows it; appending a jar to the boot
 * search path is the fallback, because with class data sharing it makes the JVM print a warning on stderr.
 * Must run before any class that implements or uses the dispatcher types is loaded.
 */
public final class BootInjector {
    private BootInjector() {
    }

    /** Returns how the classes were injected. */
    public static String inject(Instrumentation inst, File bootJar) throws IOException {
        Map<String, byte[]> types = supertypesFirst(classesOf(bootJar));
        try {
            defineWithJdkUnsafe(inst, types);
            return "defined in the boot loader";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // fall through: Byte Buddy's injector (on JDK 24+ its sun.misc.Unsafe use prints a warning)
        }
        if (ClassInjector.UsingUnsafe.isAvailable()) {
            try {
                ClassInjector.UsingUnsafe.ofBootLoader().injectRaw(types);
                return "defined in the boot loader (Byte Buddy)";
            } catch (RuntimeException | LinkageError e) {
                // fall through to the documented API
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(bootJar));
        return "appended to the boot class path";
    }

    /**
     * java.base's own Unsafe.defineClass, exported to this module alone: it prints nothing, unlike sun.misc.Unsafe's
     * memory-access methods, which JDK 24 and later warn about on the host's stderr.
     */
    private static void defineWithJdkUnsafe(Instrumentation inst, Map<String, byte[]> types) throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(BootInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (Map.Entry<String, byte[]> t : types.entrySet()) {
            if (!definedInBoot(t.getKey())) {
                define.invoke(unsafe, t.getKey(), t.getValue(), 0, t.getValue().length, null, null);
            }
        }
    }

    private static boolean definedInBoot(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Map<String, byte[]> classesOf(File jarFile) throws IOException {
        Map<String, byte[]> types = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(jarFile)) {
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
        return types;
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
