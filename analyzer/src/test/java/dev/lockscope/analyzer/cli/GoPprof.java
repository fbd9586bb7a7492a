package dev.lockscope.analyzer.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code go tool pprof} (Debian's golang-go) on a profile. Where Go is missing it is installed with
 * apt-get when running as root; otherwise the calling test is skipped with the reason printed.
 */
final class GoPprof {
    private static Path go;
    private static String missing;

    private GoPprof() {
    }

    /** The {@code go} command, or the test is skipped saying why there is none. */
    static synchronized Path goOrSkip() {
        if (go == null && missing == null) {
            go = find();
            if (go == null) {
                missing = install();
                go = find();
            }
            if (go == null) {
                System.out.println("skipped: " + missing);
            }
        }
        assumeTrue(go != null, () -> "skipped: " + missing);
        return go;
    }

    /** {@code go tool pprof ARGS PROFILE}'s standard output; fails on a non-zero exit with its stderr. */
    static String run(Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(goOrSkip().toString(), "tool", "pprof"));
        cmd.addAll(List.of(args));
        cmd.add(profile.toString());
        Path tmp = Files.createTempDirectory("pprof");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // Nothing to fetch or symbolize: keep pprof's scratch files in the test's own directory.
        pb.environment().put("PPROF_TMPDIR", tmp.toString());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("go tool pprof did not finish in 120 s: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("go tool pprof exited " + p.exitValue() + ": " + cmd + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path g = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(g)) {
                return g;
            }
        }
        Path debian = Path.of("/usr/lib/go/bin/go");
        return Files.isExecutable(debian) ? debian : null;
    }

    /** Installs golang-go where we may; returns why Go is still missing otherwise. */
    private static String install() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "go tool pprof is needed to read the profile back; Go is not installed and we are not root to "
                    + "install it (apt-get install golang-go)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return "Go is not installed and this system has no apt-get to install golang-go with";
        }
        try {
            String log = apt("install", "-y", "-q", "golang-go");
            if (find() == null) {
                // A fresh machine may have no package lists yet.
                log = apt("update", "-q") + apt("install", "-y", "-q", "golang-go");
            }
            return "apt-get install golang-go did not install go:\n" + log;
        } catch (IOException | InterruptedException e) {
            return "apt-get install golang-go failed: " + e;
        }
    }

    private static String apt(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("apt-get"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("apt", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        return out.length() > 2000 ? out.substring(out.length() - 2000) : out;
    }
}
