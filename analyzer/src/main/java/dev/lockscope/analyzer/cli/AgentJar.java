package dev.lockscope.analyzer.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the lockscope agent jar is: built by the agent module under the lockscope home (the launcher sets it). */
final class AgentJar {
    static final String BUILD_HINT = "build it with: mvn -B -ntp -pl agent -am package -DskipTests";

    private AgentJar() {
    }

    /** The default location, whether or not it exists. */
    static Path defaultLocation() {
        return Path.of(System.getProperty("lockscope.home", "."), "agent", "target", "lockscope-agent.jar");
    }

    /** The agent jar if it has been built, else null. */
    static Path findBuilt() {
        Path jar = defaultLocation();
        return Files.isRegularFile(jar) ? jar : null;
    }
}
