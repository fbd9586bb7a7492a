package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Another agent retransforming the JDK's lock classes after lockscope hooked them keeps the hooks: the hooked class
 * files are the classes' own (redefined, not retransformed by a transformer that would have to stay registered, and
 * whose registration made the JVM copy every class file loaded afterwards once more). The planted lock's waits are
 * all recorded after the other agent's retransformation.
 */
class ForeignRetransformIT {
    @Test
    void anotherAgentsRetransformationKeepsTheHooks() throws Exception {
        Path other = otherAgentJar();
        Path rec = Files.createTempFile(ChildJvm.WORK, "foreign", ".jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.cmd(ChildJvm.java17().toString(),
                "-javaagent:" + AGENT_JAR + "=record=" + rec, "-javaagent:" + other,
                "-cp", ChildJvm.classpath(), PlantedApp.class.getName()), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).contains("retransforming agent: handed 2 lock classes");

        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String hotSite = "dev.lockscope.agent.it.PlantedApp.<clinit>:" + ChildJvm.lineOf("PlantedApp.java", "PLANTED-HOT");
        String[] hot = ChildJvm.summary(dump, hotSite, "java.util.concurrent.locks.ReentrantLock");
        long expected = (long) PlantedApp.ROUNDS * PlantedApp.WAITERS;
        assertThat(Long.parseLong(hot[4])).as("hot waits after the other agent's retransformation")
                .isBetween((long) (expected * 0.9), expected);
    }

    /** The other agent's jar, made from the test classes. */
    private static Path otherAgentJar() throws Exception {
        Path jar = ChildJvm.WORK.resolve("retransforming-agent.jar");
        Files.createDirectories(ChildJvm.WORK);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Premain-Class", RetransformingAgent.class.getName());
        m.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            String dir = RetransformingAgent.class.getPackageName().replace('.', '/') + "/";
            try (var classes = Files.list(ChildJvm.TEST_CLASSES.resolve(dir))) {
                for (Path c : (Iterable<Path>) classes.filter(p -> p.getFileName().toString().startsWith("RetransformingAgent"))::iterator) {
                    j.putNextEntry(new JarEntry(dir + c.getFileName()));
                    j.write(Files.readAllBytes(c));
                    j.closeEntry();
                }
            }
        }
        return jar;
    }
}
