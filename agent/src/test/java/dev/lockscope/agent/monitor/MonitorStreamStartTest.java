package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.events.LockWait;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;

/**
 * The stream's start returns once the stream's own recording runs (so the hooks go live after its chunk rotation),
 * and knows that recording as its own, so {@code record=} does not take it for the user's. That recording turns our
 * own events off, so their periodic hooks do not run every second for a stream that drops them.
 */
class MonitorStreamStartTest {
    @Test
    void startReturnsWithItsOwnRecordingRunningAndKnownAsOwn() {
        MonitorStream stream = new MonitorStream(new LockRegistry(16, 64, 1024, 16), Duration.ofMillis(1));
        stream.start();
        try {
            assertThat(stream.ownRecordingIds).as("the stream's recording, found").hasSize(1);
            long id = stream.ownRecordingIds.iterator().next();
            Recording own = FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .filter(r -> r.getId() == id).findFirst().orElseThrow();
            assertThat(own.getState()).isEqualTo(RecordingState.RUNNING);
        } finally {
            stream.stop();
        }
    }

    @Test
    void theStreamsRecordingTurnsOffEveryLockscopeEventButTheClockMarks() throws Exception {
        List<EventType> ours = new ArrayList<>();
        for (Class<? extends Event> c : eventClassesOfTheEventsModule()) {
            FlightRecorder.register(c);
            ours.add(EventType.getEventType(c));
        }
        assertThat(ours).extracting(EventType::getName)
                .contains("dev.lockscope.LockSummary", "dev.lockscope.LockWait", "dev.lockscope.ClockMark");
        ours.removeIf(t -> t.getName().equals("dev.lockscope.ClockMark"));
        MonitorStream stream = new MonitorStream(new LockRegistry(16, 64, 1024, 16), Duration.ofMillis(1), null);
        stream.start();
        try {
            long id = stream.ownRecordingIds.iterator().next();
            Map<String, String> settings = FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .filter(r -> r.getId() == id).findFirst().orElseThrow().getSettings();
            for (EventType type : ours) {
                // Settings made by event class are keyed by the type's id, not its name.
                assertThat(settings.get(type.getId() + "#enabled")).as(type.getName()).isEqualTo("false");
            }
            assertThat(settings.get("jdk.JavaMonitorEnter#enabled")).isEqualTo("true");
        } finally {
            stream.stop();
        }
    }

    /** Every concrete event class in the jfr-events module (a class directory in the reactor, else its jar). */
    private static List<Class<? extends Event>> eventClassesOfTheEventsModule() throws Exception {
        Path where = Path.of(LockWait.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = LockWait.class.getPackageName().replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.list(where.resolve(pkg))) {
                files.forEach(f -> names.add(pkg + f.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(pkg)).forEach(names::add);
            }
        }
        List<Class<? extends Event>> events = new ArrayList<>();
        for (String n : names) {
            if (n.endsWith(".class") && !n.contains("$")) {
                Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
                if (Event.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    events.add(c.asSubclass(Event.class));
                }
            }
        }
        return events;
    }
}
