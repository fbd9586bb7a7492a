package dev.lockscope.agent.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/** {@code record=FILE.jfr}: starts a recording with lockscope.jfc when none is running. */
public final class Recorder {
    private Recorder() {
    }

    /** Starts the recording and returns it, or returns null (and says why in {@code why[0]}) when one already runs. */
    public static Recording startIfNone(Path file, Duration duration, java.util.Set<Long> ignored, String[] why) throws IOException, ParseException {
        if (FlightRecorder.isInitialized()) {
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                // In-process streams (ours for synchronized, or the application's) write no file the user asked for.
                if (r.getState() == RecordingState.RUNNING && !ignored.contains(r.getId()) && !r.getName().startsWith("Recording Stream")) {
                    why[0] = "a recording is already running (" + r.getName() + "); lockscope's events go into it when its settings enable dev.lockscope.*";
                    return null;
                }
            }
        }
        Configuration config;
        try (InputStream in = Recorder.class.getResourceAsStream("/dev/lockscope/events/lockscope.jfc")) {
            if (in == null) {
                throw new IOException("lockscope.jfc missing from the agent");
            }
            config = Configuration.create(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Recording r = new Recording(config);
        r.setName("lockscope");
        r.setToDisk(true);
        r.setDestination(file);
        r.setDumpOnExit(true);
        if (duration != null) {
            r.setDuration(duration);
        }
        r.start();
        return r;
    }
}
