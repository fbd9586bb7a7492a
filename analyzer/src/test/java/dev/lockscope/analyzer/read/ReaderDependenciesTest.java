package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The readers sit below what they feed: from the sources, the packages {@code read} uses, and the ones those use in
 * turn, never come back to {@code read} (so {@code aggregate}, which takes the readers' events, is not among them).
 */
class ReaderDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/lockscope/analyzer");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.lockscope\\.analyzer\\.([a-z]\\w*)\\.");

    @Test
    void nothingTheReadersUseComesBackToThem() throws IOException {
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(uses("read"));
        while (!todo.isEmpty()) {
            String pkg = todo.pop();
            if (reached.add(pkg)) {
                todo.addAll(uses(pkg));
            }
        }
        assertThat(reached).as("what read reaches").isNotEmpty().doesNotContain("read", "aggregate");
    }

    /** The analyzer packages {@code pkg}'s code names, by import or qualified name (comments left out). */
    private static Set<String> uses(String pkg) throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.remove(pkg);
        return used;
    }
}
