package dev.lockscope.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM's command line: a wrapper before the launcher, and native access only where the JDK wants the flag. */
class JavaCommandTest {
    @TempDir
    Path dir;

    @Test
    void theWrapperComesBeforeTheLauncherAndTheRestInJavasOrder() {
        Path java = Path.of("/opt/jdk/bin/java");
        assertThat(JavaCommand.of(java, "a.Main").under("taskset", "-c", "0").jvm("-Xmx64m").classPath("cp")
                .args("1").toList()).containsExactly("taskset", "-c", "0", "/opt/jdk/bin/java", "-Xmx64m", "-cp", "cp",
                "a.Main", "1");
    }

    @Test
    void nativeAccessIsAskedForOnJdk24AndLaterOnly() throws Exception {
        assertThat(JavaCommand.of(jdk("25", "JAVA_VERSION=\"25.0.1\""), "a.Main").enableNativeAccess().toList())
                .contains("--enable-native-access=ALL-UNNAMED");
        assertThat(JavaCommand.of(jdk("24", "JAVA_VERSION=\"24\""), "a.Main").enableNativeAccess().toList())
                .contains("--enable-native-access=ALL-UNNAMED");
        assertThat(JavaCommand.of(jdk("17", "JAVA_VERSION=\"17.0.15\""), "a.Main").enableNativeAccess().toList())
                .noneMatch(o -> o.startsWith("--enable-native-access"));
        assertThat(JavaCommand.of(dir.resolve("none/bin/java"), "a.Main").enableNativeAccess().toList())
                .as("no release file: not known to want it").noneMatch(o -> o.startsWith("--enable-native-access"));
    }

    @Test
    void theRunningJdksFeatureIsReadFromItsReleaseFile() {
        assertThat(Jdks.feature(Jdks.current())).isEqualTo(Runtime.version().feature());
    }

    /** A JDK folder with only its release file; returns its launcher's path. */
    private Path jdk(String name, String releaseLine) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\n" + releaseLine + "\n");
        return home.resolve("bin").resolve("java");
    }
}
