package dev.lockscope.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child JVM's command line: a command the launcher runs under (none unless told, e.g. taskset), launcher, JVM
 * options, class path (this test's unless told), main class and its arguments, in the order {@code java} wants them.
 */
public final class JavaCommand {
    private final Path java;
    private final String main;
    private final List<String> wrapper = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String classPath = System.getProperty("java.class.path");

    private JavaCommand(Path java, String main) {
        this.java = java;
        this.main = main;
    }

    /** {@code main} on {@code java}. */
    public static JavaCommand of(Path java, Class<?> main) {
        return of(java, main.getName());
    }

    /** The class named {@code main} on {@code java}, for a main class this test cannot load. */
    public static JavaCommand of(Path java, String main) {
        return new JavaCommand(java, main);
    }

    /** {@code main} on the JDK running this test. */
    public static JavaCommand of(Class<?> main) {
        return of(Jdks.current(), main);
    }

    public JavaCommand jvm(String... options) {
        return jvm(Arrays.asList(options));
    }

    public JavaCommand jvm(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    /** The command that runs the launcher, before it on the command line (e.g. {@code taskset -c 0}). */
    public JavaCommand under(String... command) {
        return under(Arrays.asList(command));
    }

    public JavaCommand under(List<String> command) {
        wrapper.addAll(command);
        return this;
    }

    /**
     * Native calls allowed to the class path's code ({@code --enable-native-access=ALL-UNNAMED}) where the launcher's
     * JDK is 24 or later: JNA (the native probe) warns there without it, and the agent then keeps its probe out.
     * Earlier JDKs need no flag and get none.
     */
    public JavaCommand enableNativeAccess() {
        if (Jdks.feature(java) >= 24) {
            jvmOptions.add("--enable-native-access=ALL-UNNAMED");
        }
        return this;
    }

    public JavaCommand classPath(String cp) {
        classPath = cp;
        return this;
    }

    public JavaCommand args(String... more) {
        return args(Arrays.asList(more));
    }

    public JavaCommand args(List<String> more) {
        args.addAll(more);
        return this;
    }

    public List<String> toList() {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    /** The child to run, for its options (working directory, merged output). */
    public ChildProcess process() {
        return ChildProcess.of(toList());
    }

    /** Runs it (stdout and stderr apart); see {@link ChildProcess#run}. */
    public ChildProcess.Result run(long timeoutSeconds) throws IOException, InterruptedException {
        return process().run(timeoutSeconds);
    }

    @Override
    public String toString() {
        return String.join(" ", toList());
    }
}
