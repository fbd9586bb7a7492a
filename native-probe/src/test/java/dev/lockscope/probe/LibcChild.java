package dev.lockscope.probe;

/** Loads libc through the probe's JNA binding and says what it left behind: for {@link NoChildProcessTest}. */
public final class LibcChild {
    private LibcChild() {
    }

    public static void main(String[] args) {
        LibC libc = LibC.Loader.libc();
        System.out.println("libc=" + (libc == null ? LibC.Loader.failure() : "loaded, pid " + (libc.getpid() == ProcessHandle.current().pid())));
        System.out.println("property=" + System.getProperty(LibC.Loader.PLATFORM_PATH));
    }
}
