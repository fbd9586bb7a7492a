package dev.lockscope.agent.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The jars nested in the agent jar (boot dispatcher, implementation and its libraries) as files the JVM can load.
 * They are unpacked once per user and agent build into {@code lockscope-agent-UID-KEY} under the temporary directory,
 * {@code KEY} hashing the nested jars' names, sizes and CRCs, and reused by every later start: unpacking 8 MB and
 * naming a fresh directory (whose random name loads the JDK's security providers) cost about 45 ms of premain, on
 * the application's {@code main} thread. The directory is used only when it is this user's own, a real directory
 * and closed to others (0700); its files are each written under a name of their own and renamed into place, so a
 * file there is whole even when several JVMs start at once. Anything else (another user's directory, open
 * permissions, a read-only temporary directory) falls back to a private directory of this JVM's, removed at exit.
 */
final class NestedJars {
    static final String PREFIX = "lockscope-nested/";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path bootJar;
    private final List<Path> implJars;

    private NestedJars(Path bootJar, List<Path> implJars) {
        this.bootJar = bootJar;
        this.implJars = implJars;
    }

    Path bootJar() {
        return bootJar;
    }

    List<Path> implJars() {
        return implJars;
    }

    static Path agentJar() throws URISyntaxException {
        return Paths.get(AgentEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static NestedJars extract(Path agentJar) throws IOException {
        return extract(agentJar, Paths.get(System.getProperty("java.io.tmpdir")));
    }

    /** The nested jars of {@code agentJar} as files: in this user's cache under {@code tmp}, or a private directory. */
    static NestedJars extract(Path agentJar, Path tmp) throws IOException {
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            List<JarEntry> entries = entries(jar);
            Integer uid = ownUid();
            Path cache = uid == null ? null : tmp.resolve("lockscope-agent-" + uid + "-" + key(entries));
            if (cache != null && usable(cache, uid)) {
                try {
                    boolean fresh = !Files.exists(cache.resolve("boot.jar"));
                    NestedJars found = unpack(jar, entries, cache, false);
                    if (fresh) {
                        removeStale(tmp, uid, cache);
                    }
                    // Touched at each use: a clean-up of old builds' directories can tell the ones still in use.
                    Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis()));
                    return found;
                } catch (IOException e) {
                    // e.g. a full or read-only file system: the private directory below says so if it fails too
                }
            }
            Path dir = Files.createTempDirectory(tmp, "lockscope-agent-");
            dir.toFile().deleteOnExit();
            return unpack(jar, entries, dir, true);
        }
    }

    /** A cache directory unused this long is an old build's: removed when a new build unpacks its own. */
    static final long STALE_MILLIS = 24 * 3600 * 1000L;

    /**
     * Removes this user's cache directories of other builds not used for {@link #STALE_MILLIS} (a JVM opens its
     * nested jars within seconds of its start, so none still running needs them); a failure leaves them.
     */
    static void removeStale(Path tmp, int uid, Path keep) {
        long before = System.currentTimeMillis() - STALE_MILLIS;
        try (var dirs = Files.newDirectoryStream(tmp, "lockscope-agent-" + uid + "-*")) {
            for (Path d : dirs) {
                if (!d.equals(keep) && closedToOthers(d, uid) && Files.getLastModifiedTime(d).toMillis() < before) {
                    try (var files = Files.newDirectoryStream(d)) {
                        for (Path f : files) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next new build to try
        }
    }

    /** The index's entries, in its order. */
    private static List<JarEntry> entries(JarFile jar) throws IOException {
        JarEntry index = jar.getJarEntry(PREFIX + "index.txt");
        if (index == null) {
            throw new IOException("agent jar has no " + PREFIX + "index.txt (was it built by the agent module?)");
        }
        List<JarEntry> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(index), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JarEntry e = jar.getJarEntry(PREFIX + line.trim());
                    if (e == null) {
                        throw new IOException("agent jar lacks " + PREFIX + line.trim());
                    }
                    entries.add(e);
                }
            }
        }
        return entries;
    }

    /** A 64-bit FNV-1a hash of the nested jars' names, sizes and CRCs (from the jar's directory: nothing is read). */
    static String key(List<JarEntry> entries) {
        long h = 0xcbf29ce484222325L;
        for (JarEntry e : entries) {
            String name = e.getName();
            for (int i = 0; i < name.length(); i++) {
                h = fnv(h, name.charAt(i));
            }
            for (long v : new long[] {e.getSize(), e.getCrc()}) {
                for (int shift = 0; shift < 64; shift += 8) {
                    h = fnv(h, (v >>> shift) & 0xff);
                }
            }
        }
        return Long.toHexString(h);
    }

    private static long fnv(long h, long octet) {
        return (h ^ octet) * 0x100000001b3L;
    }

    /** This process's user id (the owner of its /proc entry), or null where there is none to read (not Linux). */
    static Integer ownUid() {
        try {
            return (Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Makes {@code dir} (owner only) unless it exists, then tells whether it is {@link #closedToOthers}. */
    static boolean usable(Path dir, int uid) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // made by an earlier start (or by someone else: checked below)
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return closedToOthers(dir, uid);
    }

    /**
     * Whether {@code dir} is a directory of the user {@code uid}, not a link, closed to everyone else: only then can no
     * one else have put a jar in it. One read of its attributes.
     */
    static boolean closedToOthers(Path dir, int uid) {
        try {
            Map<String, Object> a = Files.readAttributes(dir, "unix:isDirectory,permissions,uid", LinkOption.NOFOLLOW_LINKS);
            return Boolean.TRUE.equals(a.get("isDirectory")) && OWNER_ONLY.equals(a.get("permissions"))
                    && Integer.valueOf(uid).equals(a.get("uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Each nested jar in {@code dir}: one already there with the entry's size is taken as it is (the directory is
     * closed to others, and files only ever appear there whole); any other is written beside and renamed into place.
     */
    private static NestedJars unpack(JarFile jar, List<JarEntry> entries, Path dir, boolean deleteOnExit) throws IOException {
        Path boot = null;
        List<Path> impl = new ArrayList<>();
        for (JarEntry e : entries) {
            String name = e.getName().substring(PREFIX.length());
            Path out = dir.resolve(name.replace('/', '_'));
            if (!(Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS) && Files.size(out) == e.getSize())) {
                // Named by pid and clock: JVMs in other pid namespaces may share the temporary directory.
                Path part = dir.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".part");
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (deleteOnExit) {
                out.toFile().deleteOnExit();
            }
            if (name.equals("boot.jar")) {
                boot = out;
            } else {
                impl.add(out);
            }
        }
        if (boot == null) {
            throw new IOException("agent jar lacks the boot dispatcher jar");
        }
        return new NestedJars(boot, impl);
    }
}
