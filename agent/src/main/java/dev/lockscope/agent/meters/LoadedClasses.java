package dev.lockscope.agent.meters;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Finds a class the application has already loaded, by name, without asking every loaded class its name:
 * {@code Class.getName} stores a new string in each class it is first called on (about 4,000 on a small service,
 * 16,000 on a Spring Boot one, 80-100 bytes each), which then lives as long as the class, born young in the middle
 * of the application's run. Each distinct class loader is asked instead, with {@code ClassLoader.findLoadedClass},
 * which never loads a class (java.lang is opened to the agent at its start).
 */
final class LoadedClasses {
    private LoadedClasses() {
    }

    /**
     * @param skip a loader whose class is not the one wanted (the agent's own), or null
     * @return the class named {@code name} a loader other than {@code skip} has loaded, or null
     */
    static Class<?> find(Instrumentation inst, String name, ClassLoader skip) throws ReflectiveOperationException {
        Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        findLoaded.setAccessible(true);
        Set<ClassLoader> asked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && loader != skip && asked.add(loader)) {
                Class<?> found = (Class<?>) findLoaded.invoke(loader, name);
                if (found != null && found.getClassLoader() != skip) {
                    return found;
                }
            }
        }
        return null;
    }
}
