package dev.lockscope.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A child run as user {@code nobody} (util-linux's setpriv), as production users often run: tests run as root here,
 * and what differs for other users is checked this way. Files the child reads are copied where it may read them,
 * since a checkout may live under a private home.
 */
public final class Unprivileged {
    public static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private Unprivileged() {
    }

    /** Skips the test unless this JVM runs as root and setpriv is installed. */
    public static void assumePossible() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "not root: this run already is the non-root path");
        Assumptions.assumeTrue(Files.isExecutable(SETPRIV), "setpriv (util-linux) not installed: non-root run not tested");
    }

    /** {@code command} run as nobody:nogroup with no supplementary groups. */
    public static List<String> asNobody(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=nobody", "--regid=nogroup",
                "--clear-groups"));
        cmd.addAll(command);
        return cmd;
    }

    /** A new temporary directory anyone may write (e.g. for the child's recording or JNA's native library). */
    public static Path sharedDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** A copy of {@code from} (a file or a whole tree) at {@code to} that anyone may read; returns {@code to}. */
    public static Path readableCopy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = p.equals(from) ? to : to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
                Files.setPosixFilePermissions(target,
                        PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return to;
    }
}
