package dev.lockscope.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.AgentMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that tells the agent's own code lists its packages rather than matching a prefix (an application may live
 * below dev.lockscope.agent, as the agent's test applications do): every class the agent ships must be recognised,
 * so a new package cannot slip out of the list unnoticed.
 */
class AgentThreadsTest {
    @Test
    void everyClassOfTheAgentIsTheAgentsCodeAndItsTestApplicationsAreNot() throws Exception {
        Path classes = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes.resolve("dev/lockscope/agent"))) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .collect(Collectors.toList());
        }
        assertThat(names).hasSizeGreaterThan(50);
        assertThat(names).allMatch(AgentThreads::isAgentFrame);
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.probe.Probe")).isTrue();
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.agent.it.AgentActivityApp")).isFalse();
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.locks.AdaptiveReentrantLock")).as("the application's lock").isFalse();
        assertThat(AgentThreads.isAgentFrame("com.example.App")).isFalse();
    }

    @Test
    void theAgentsThreadsAreTheOnesWithItsPrefix() {
        assertThat(AgentThreads.isAgentThreadName("lockscope-advice")).isTrue();
        assertThat(AgentThreads.isAgentThreadName("lockscope-metrics-http-HTTP-Dispatcher")).isTrue();
        assertThat(AgentThreads.isAgentThreadName("JFR Periodic Tasks")).isFalse();
        assertThat(AgentThreads.isAgentThreadName(null)).isFalse();
    }

    /** A library's own thread class, as JNA's cleaner thread is one of the agent's nested JNA. */
    public static final class LibraryThread extends Thread {
        public LibraryThread(Runnable r) {
            super(r, "Library Cleaner");
        }
    }

    @Test
    void threadsOfTheAgentsOwnLibrariesAreClaimedAndOthersKeepTheirNames() throws Exception {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Runnable park = () -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // The library's class defined by a loader of its own, as the agent's isolated loader defines its libraries.
        java.net.URL classes = LibraryThread.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader own = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
            Thread library = (Thread) own.loadClass(LibraryThread.class.getName()).getConstructor(Runnable.class).newInstance(park);
            Thread sameNameOtherLoader = new LibraryThread(park);
            library.start();
            sameNameOtherLoader.start();
            try {
                assertThat(AgentThreads.claimLibraryThreads(own)).isEqualTo(1);
                assertThat(library.getName()).isEqualTo("lockscope-Library Cleaner");
                assertThat(sameNameOtherLoader.getName()).as("the application's copy of the library").isEqualTo("Library Cleaner");
            } finally {
                stop.countDown();
                library.join();
                sameNameOtherLoader.join();
            }
        }
    }
}
