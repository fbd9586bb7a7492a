package dev.lockscope.agent.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Unpacks the jars nested in the agent jar (boot dispatcher, implementation and its libraries) to a private temp dir. */
final class NestedJars {
    static final String PREFIX = "lockscope-nested/";

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
        Path dir = Files.createTempDirectory("lockscope-agent-");
        dir.toFile().deleteOnExit();
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            List<String> names = new ArrayList<>();
            JarEntry index = jar.getJarEntry(PREFIX + "index.txt");
            if (index == null) {
                throw new IOException("agent jar has no " + PREFIX + "index.txt (was it built by the agent module?)");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(index), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        names.add(line.trim());
                    }
                }
            }
            Path boot = null;
            List<Path> impl = new ArrayList<>();
            for (String name : names) {
                JarEntry e = jar.getJarEntry(PREFIX + name);
                if (e == null) {
                    throw new IOException("agent jar lacks " + PREFIX + name);
                }
                Path out = dir.resolve(name.replace('/', '_'));
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                out.toFile().deleteOnExit();
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
}
