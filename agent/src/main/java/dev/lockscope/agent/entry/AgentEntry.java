package dev.lockscope.agent.entry;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The jar's premain and agentmain (its Premain-Class and Agent-Class), loaded by the application's class loader with
 * the rest of this package, which is all that loader ever sees of the agent. It puts the tiny dispatcher into the
 * boot loader, loads the implementation (with its Byte Buddy, JNA and Micrometer) in an isolated class loader whose
 * parent is the platform loader, and hands over to {@code dev.lockscope.agent.AgentMain}. Any failure is one line on
 * stderr: the host always carries on.
 */
public final class AgentEntry {
    /** How the one line starts when the agent does not start (tools that launch JVMs with it look for it). */
    public static final String NOT_STARTED = "[lockscope] agent not started";
    private static final Object START_LOCK = new Object();
    private static Object impl;

    private AgentEntry() {
    }

    /** The JDK modules the agent cannot run without: it records through JFR and reads the process's CPU time. */
    static final List<String> REQUIRED_MODULES = List.of("jdk.jfr", "java.management", "jdk.management");

    /**
     * Why {@code layer} cannot run the agent, or null. A runtime trimmed by {@code jlink} or {@code --limit-modules}
     * may leave these modules out; checked first, so such a JVM gets a line naming them rather than a missing class.
     */
    static String missingModules(ModuleLayer layer) {
        List<String> missing = REQUIRED_MODULES.stream().filter(m -> layer.findModule(m).isEmpty()).toList();
        return missing.isEmpty() ? null : "this Java runtime lacks the module" + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing) + " the agent needs (left out by jlink or --limit-modules; add "
                + (missing.size() > 1 ? "them" : "it") + " with --add-modules or to the image)";
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean dynamic) {
        long entered = System.nanoTime();
        try {
            synchronized (START_LOCK) {
                if (impl != null) {
                    // Loaded before: a second attach reconfigures (e.g. enabled=false, record=FILE).
                    impl.getClass().getMethod("reconfigure", String.class).invoke(impl, args);
                    return;
                }
                String missing = missingModules(ModuleLayer.boot());
                if (missing != null) {
                    System.err.println(NOT_STARTED + ": " + missing);
                    return;
                }
                Path agentJar = NestedJars.agentJar();
                NestedJars nested = NestedJars.extract(agentJar);
                List<Path> implJars = nested.implJars();
                URL[] urls = new URL[implJars.size()];
                for (int i = 0; i < urls.length; i++) {
                    urls[i] = implJars.get(i).toUri().toURL();
                }
                ClassLoader loader = new URLClassLoader("lockscope-agent", urls, ClassLoader.getPlatformClassLoader());
                // The dispatcher must be in the boot loader before any class using it is loaded.
                Class.forName("dev.lockscope.agent.instrument.BootInjector", true, loader)
                        .getMethod("inject", Instrumentation.class, File.class).invoke(null, inst, nested.bootJar().toFile());
                Class<?> main = Class.forName("dev.lockscope.agent.AgentMain", true, loader);
                Method startMethod = main.getMethod("start", String.class, Instrumentation.class, boolean.class, File.class, long.class);
                impl = startMethod.invoke(null, args, inst, dynamic, agentJar.toFile(), entered);
            }
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null && t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            System.err.println(NOT_STARTED + ": " + cause);
        }
    }
}
