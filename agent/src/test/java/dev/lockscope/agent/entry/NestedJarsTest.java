package dev.lockscope.agent.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nested jars are unpacked once into this user's cache directory and reused; a directory anyone else could have
 * written to is never used (a private one is made instead); a damaged file is written again; old builds' directories
 * are removed when a new build unpacks.
 */
class NestedJarsTest {
    @TempDir
    Path tmp;
    private Path agentJar;
    private Integer uid;

    @BeforeEach
    void agentJarWithTwoNestedJars() throws IOException {
        uid = NestedJars.ownUid();
        assumeTrue(uid != null, "no /proc/self to read this process's user id from (not Linux): the cache is not used");
        agentJar = agentJar(tmp.resolve("agent.jar"), 1);
    }

    @Test
    void unpacksOnceThenReusesTheSameFiles() throws IOException {
        NestedJars first = NestedJars.extract(agentJar, tmp);
        Path cache = first.bootJar().getParent();
        assertThat(cache.getFileName().toString()).startsWith("lockscope-agent-" + uid + "-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(Files.readAllBytes(first.bootJar())).isEqualTo(content("boot.jar", 1));
        assertThat(first.implJars()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(content("impl.jar", 1)));
        Object bootFile = fileKey(first.bootJar());

        NestedJars second = NestedJars.extract(agentJar, tmp);
        assertThat(second.bootJar()).isEqualTo(first.bootJar());
        assertThat(fileKey(second.bootJar())).as("the same file, not written again").isEqualTo(bootFile);
        try (var left = Files.list(cache)) {
            assertThat(left).as("no partial files left").hasSize(2);
        }

        NestedJars otherBuild = NestedJars.extract(agentJar(tmp.resolve("agent2.jar"), 2), tmp);
        assertThat(otherBuild.bootJar().getParent()).as("another build, another directory").isNotEqualTo(cache);
        assertThat(Files.readAllBytes(otherBuild.bootJar())).isEqualTo(content("boot.jar", 2));
    }

    /** JVMs starting at once unpack into the same new directory: each must find every jar whole, never half written. */
    @Test
    void startsAtOnceAllFindWholeJars() throws Exception {
        int n = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.List<java.util.concurrent.Future<NestedJars>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                starts.add(pool.submit(() -> {
                    together.await();
                    NestedJars jars = NestedJars.extract(agentJar, tmp);
                    // Read at once, as the JVM would open them, while the others may still be writing.
                    assertThat(Files.readAllBytes(jars.bootJar())).isEqualTo(content("boot.jar", 1));
                    assertThat(Files.readAllBytes(jars.implJars().get(0))).isEqualTo(content("impl.jar", 1));
                    return jars;
                }));
            }
            Path cache = null;
            for (java.util.concurrent.Future<NestedJars> f : starts) {
                Path dir = f.get().bootJar().getParent();
                assertThat(cache == null || dir.equals(cache)).as("one shared directory").isTrue();
                cache = dir;
            }
            try (var left = Files.list(cache)) {
                assertThat(left).as("no partial files left").hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTruncatedFileIsWrittenAgain() throws IOException {
        Path impl = NestedJars.extract(agentJar, tmp).implJars().get(0);
        Files.write(impl, Arrays.copyOf(content("impl.jar", 1), 10));
        NestedJars again = NestedJars.extract(agentJar, tmp);
        assertThat(again.implJars().get(0)).isEqualTo(impl);
        assertThat(Files.readAllBytes(impl)).isEqualTo(content("impl.jar", 1));
    }

    @Test
    void aDirectoryOthersCouldWriteIsNotUsed() throws IOException {
        Path cache = NestedJars.extract(agentJar, tmp).bootJar().getParent();
        Files.write(cache.resolve("boot.jar"), planted(content("boot.jar", 1).length));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        NestedJars used = NestedJars.extract(agentJar, tmp);
        assertThat(used.bootJar().getParent()).isNotEqualTo(cache).hasParentRaw(tmp);
        assertThat(Files.readAllBytes(used.bootJar())).isEqualTo(content("boot.jar", 1));
    }

    @Test
    void aLinkInItsPlaceIsNotFollowed() throws IOException {
        Path cache = NestedJars.extract(agentJar, tmp).bootJar().getParent();
        Path elsewhere = Files.move(cache, tmp.resolve("elsewhere"));
        Files.write(elsewhere.resolve("boot.jar"), planted(content("boot.jar", 1).length));
        Files.createSymbolicLink(cache, elsewhere);
        NestedJars used = NestedJars.extract(agentJar, tmp);
        assertThat(used.bootJar().getParent()).isNotEqualTo(cache).isNotEqualTo(elsewhere);
        assertThat(Files.readAllBytes(used.bootJar())).isEqualTo(content("boot.jar", 1));
    }

    @Test
    void anotherUsersDirectoryIsNotUsed() throws IOException {
        assumeTrue(uid == 0, "only root can give a directory to another user; skipped as uid " + uid);
        Path cache = NestedJars.extract(agentJar, tmp).bootJar().getParent();
        Files.write(cache.resolve("boot.jar"), planted(content("boot.jar", 1).length));
        Files.setAttribute(cache, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        NestedJars used = NestedJars.extract(agentJar, tmp);
        assertThat(used.bootJar().getParent()).isNotEqualTo(cache);
        assertThat(Files.readAllBytes(used.bootJar())).isEqualTo(content("boot.jar", 1));
    }

    @Test
    void aNewBuildRemovesOldBuildsDirectoriesUnusedForADay() throws IOException {
        Path old = NestedJars.extract(agentJar(tmp.resolve("old.jar"), 3), tmp).bootJar().getParent();
        Path recent = NestedJars.extract(agentJar(tmp.resolve("recent.jar"), 4), tmp).bootJar().getParent();
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - NestedJars.STALE_MILLIS - 60_000));
        Path current = NestedJars.extract(agentJar, tmp).bootJar().getParent();
        assertThat(old).doesNotExist();
        assertThat(recent).isDirectory();
        assertThat(current).isDirectory();
    }

    /** An agent jar whose nested jars' bytes depend on {@code build}. */
    private static Path agentJar(Path path, int build) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            put(out, NestedJars.PREFIX + "index.txt", "boot.jar\nimpl.jar\n".getBytes(StandardCharsets.UTF_8));
            put(out, NestedJars.PREFIX + "boot.jar", content("boot.jar", build));
            put(out, NestedJars.PREFIX + "impl.jar", content("impl.jar", build));
        }
        return path;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] content(String name, int build) {
        byte[] b = new byte[50_000 + name.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + build * 7 + name.hashCode());
        }
        return b;
    }

    /** Bytes someone else put there, of the right size. */
    private static byte[] planted(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'X');
        return b;
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
