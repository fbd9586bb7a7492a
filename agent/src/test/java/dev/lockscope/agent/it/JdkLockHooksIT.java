package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JDK lock classes as the agent rewrites them, with the JVM verifying the rewritten boot classes
 * ({@code BytecodeVerificationLocal}, off by default for them): every hooked method behaves as without the agent, all
 * five classes are hooked, and their waits are recorded. JDK 17, and JDK 25 where installed. Once at the agent's
 * defaults (the rest of the agent starting on its own thread) and once recording (all of it started in premain).
 */
class JdkLockHooksIT {
    static final List<String> VERIFY = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal");

    @Test
    void hookedMethodsBehaveAsWithoutTheAgentOnJdk17() throws Exception {
        check(ChildJvm.java17());
    }

    @Test
    void hookedMethodsBehaveAsWithoutTheAgentOnJdk25() throws Exception {
        Optional<Path> java25 = ChildJvm.java25();
        if (java25.isEmpty()) {
            System.out.println("JdkLockHooksIT: no JDK 25 under /usr/lib/jvm, skipped");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(java25.isPresent(), "no JDK 25 under /usr/lib/jvm");
        check(java25.get());
    }

    private static void check(Path java) throws Exception {
        ChildJvm.Result plain = ChildJvm.run(command(java, null), 120);
        assertThat(plain.exit).as(plain.toString()).isZero();
        assertThat(plain.out).contains("await interrupted", "await without the lock threw IllegalMonitorStateException")
                .doesNotContain("false");

        ChildJvm.Result defaults = ChildJvm.run(command(java, "-javaagent:" + AGENT_JAR + "=log=verbose"), 120);
        assertThat(defaults.exit).as(defaults.toString()).isZero();
        assertThat(defaults.out).isEqualTo(plain.out);
        assertThat(defaults.err).doesNotContain("hook not installed", "not fully started", "VerifyError");

        Path rec = Files.createTempFile(ChildJvm.WORK, "hooked", ".jfr");
        ChildJvm.Result recorded = ChildJvm.run(command(java, "-javaagent:" + AGENT_JAR + "=log=verbose,record=" + rec), 120);
        assertThat(recorded.exit).as(recorded.toString()).isZero();
        assertThat(recorded.out).isEqualTo(plain.out);
        assertThat(recorded.err).doesNotContain("hook not installed", "VerifyError");
        String dump = AgentIT.dump(java, rec);
        assertThat(dump.lines().filter(l -> l.startsWith("agent|")).reduce((a, b) -> b).orElse(""))
                .contains("AQLS", "AQS", "ConditionObject", "StampedLock");
        assertThat(dump).contains("|java.util.concurrent.locks.StampedLock|", "|java.util.concurrent.locks.ReentrantLock|");
    }

    /**
     * Without verification (the default for java.base) the JVM hands the transformer classes without stack map
     * frames, and collections compute waiting threads' oop maps from the rewritten bytecode: threads wait in every
     * hooked method while the main thread forces collections, and the JVM must survive it.
     */
    @Test
    void collectionsWhileThreadsWaitInHookedMethodsAsTheJvmRunsByDefault() throws Exception {
        List<Path> javas = new java.util.ArrayList<>(List.of(ChildJvm.java17()));
        ChildJvm.java25().ifPresentOrElse(javas::add,
                () -> System.out.println("JdkLockHooksIT: no JDK 25 under /usr/lib/jvm, its collection run skipped"));
        for (Path java : javas) {
            ChildJvm.Result r = ChildJvm.run(cmd(java.toString(), "-javaagent:" + AGENT_JAR, "-cp", ChildJvm.classpath(),
                    GcWhileWaitingApp.class.getName(), "4000"), 120);
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out).isEqualTo("survived many collections\n");
        }
    }

    private static List<String> command(Path java, String agent) {
        List<String> c = cmd(java.toString());
        c.addAll(VERIFY);
        if (agent != null) {
            c.add(agent);
        }
        c.addAll(List.of("-cp", ChildJvm.classpath(), HookedLocksApp.class.getName()));
        return c;
    }
}
