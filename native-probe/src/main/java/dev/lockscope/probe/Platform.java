package dev.lockscope.probe;

/** Facts about the platform the probe's syscall numbers and struct layouts depend on. */
final class Platform {
    private Platform() {}

    /** Syscall numbers, pt_regs offsets and the thread pointer trick below are x86_64-specific. */
    static boolean isX86_64() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }
}
