package dev.lockscope.benchmarks.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A program that makes recordings for the fleet corpus: a real application's driver (examples/realworld) or the
 * repository's own contended workload (the demo's), each run until killed.
 *
 * @param name      as {@code --apps} names it
 * @param mainClass its main class
 * @param classPath its class path
 * @param args      its arguments: run far longer than any corpus needs (the harness stops it)
 */
record Workload(String name, String mainClass, String classPath, List<String> args) {

    /** The drivers of examples/realworld, by module: the ones benchmarks/run-realworld runs. */
    static final Map<String, String> DRIVERS = dev.lockscope.benchmarks.realworld.RealWorldCost.APPS;

    /** The demo's workload (examples), in this harness's own jar. */
    static final String DEMO = "demo";

    /** Every workload the harness knows. */
    static List<String> names() {
        List<String> l = new ArrayList<>(DRIVERS.keySet());
        l.add(DEMO);
        return l;
    }

    /** The workload {@code name}; a driver needs its module built (its {@code target/app-classpath.txt}). */
    static Workload of(String name, Path root) throws IOException {
        if (name.equals(DEMO)) {
            // Absolute: the workload runs in a directory of its own.
            StringBuilder cp = new StringBuilder();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
            return new Workload(DEMO, "dev.lockscope.examples.DemoWorkload", cp.toString(),
                    List.of("--seconds", "100000"));
        }
        String main = DRIVERS.get(name);
        if (main == null) {
            throw new IllegalArgumentException("unknown workload '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        Path module = root.resolve("examples/realworld").resolve(name);
        Path cp = module.resolve("target/app-classpath.txt");
        if (!Files.isRegularFile(cp)) {
            throw new IOException("no " + root.relativize(cp) + " (build: mvn -B -ntp -q -pl examples/realworld/" + name
                    + " -am package -DskipTests)");
        }
        return new Workload(name, main, module.resolve("target/classes") + File.pathSeparator
                + Files.readString(cp).trim(), List.of("--seconds", "100000", "--warmup", "0"));
    }
}
