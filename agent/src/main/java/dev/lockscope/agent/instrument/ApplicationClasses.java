package dev.lockscope.agent.instrument;

/** Which classes the agent's load-time transformers look at: the application's own, never the JDK's or the agent's. */
public final class ApplicationClasses {
    private ApplicationClasses() {
    }

    /**
     * True for a class defined for the first time (not a redefinition) by an application class loader: not the
     * boot, platform or agent loader, not a JDK package, and not under any of {@code ownPrefixes} (the agent's own
     * classes the caller must leave alone).
     */
    public static boolean firstLoad(ClassLoader loader, String className, Class<?> redefined, ClassLoader agentLoader,
                                    String... ownPrefixes) {
        if (loader == null || loader == agentLoader || className == null || redefined != null
                || loader == ClassLoader.getPlatformClassLoader() || className.startsWith("java/")
                || className.startsWith("jdk/") || className.startsWith("sun/") || className.startsWith("com/sun/")) {
            return false;
        }
        for (String own : ownPrefixes) {
            if (className.startsWith(own)) {
                return false;
            }
        }
        return true;
    }
}
