package dev.lockscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend on each other one way, read from the sources: none reaches the root package (the
 * composition, which builds them all), none reaches a package that reaches it back, and the boot loader's dispatcher
 * and the jar's entry classes name no other agent class in code (their class loaders cannot see the agent's).
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/lockscope/agent");
    private static final String ROOT = "(root)";
    private static final Pattern REFERENCE = Pattern.compile("dev\\.lockscope\\.agent\\.([a-z]\\w*\\.|[A-Z])");

    @Test
    void noPackageReachesTheRootAndNoneReachesItself() throws IOException {
        Map<String, Set<String>> uses = packageUses();
        assertThat(uses.keySet()).contains("dispatch", "entry", "hooks", "registry", "jfr", "meters");
        uses.forEach((pkg, used) -> assertThat(used).as(pkg + " uses the root package").doesNotContain(ROOT));
        for (String pkg : uses.keySet()) {
            List<String> cycle = pathBack(pkg, pkg, uses, new ArrayList<>(List.of(pkg)), new TreeSet<>());
            assertThat(cycle).as("a cycle through " + pkg).isNull();
        }
    }

    @Test
    void theBootLoadersAndTheApplicationLoadersClassesNameNoOtherAgentClass() throws IOException {
        Map<String, Set<String>> uses = packageUses();
        assertThat(uses.get("dispatch")).isEmpty();
        assertThat(uses.get("entry")).isEmpty();
    }

    /** Package -> the agent packages its code names (by import or qualified name; comments and strings left out). */
    private static Map<String, Set<String>> packageUses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                String pkg = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                        Matcher m = REFERENCE.matcher(code(Files.readString(f)));
                        while (m.find()) {
                            String g = m.group(1);
                            used.add(g.endsWith(".") ? g.substring(0, g.length() - 1) : ROOT);
                        }
                    }
                }
                used.remove(pkg);
                uses.put(pkg, used);
            }
        }
        return uses;
    }

    /** A path of uses from {@code from} back to {@code target}, or null when there is none. */
    private static List<String> pathBack(String target, String from, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = pathBack(target, next, uses, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    /** The source without comments, string, text-block and character literals (each left as a space). */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? n : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(' ');
        }
        return out.toString();
    }
}
