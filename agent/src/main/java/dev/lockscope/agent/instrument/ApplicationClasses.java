package dev.lockscope.agent.instrument;

/** Which classes the agent's load-time transformers look at: the application's own, never the JDK's or the agent's. */
public final class ApplicationClasses {
    private ApplicationClasses() {
    }

    /**
     * True for a class defined for the first time (not a redefinition) by an application class loader: not the
     * boot, platform or agent loader, not a JDK package, and not under {@code ownPrefix} (the agent's own classes
     * the caller must leave alone).
     */
    public static boolean firstLoad(ClassLoader loader, String className, Class<?> redefined, ClassLoader agentLoader,
                                    String ownPrefix) {
        return loader != null && loader != agentLoader && className != null && redefined == null
                && loader != ClassLoader.getPlatformClassLoader() && !className.startsWith("java/")
                && !className.startsWith("jdk/") && !className.startsWith("sun/") && !className.startsWith("com/sun/")
                && !className.startsWith(ownPrefix);
    }
}
