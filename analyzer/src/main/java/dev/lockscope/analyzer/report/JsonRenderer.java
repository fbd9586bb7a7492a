package dev.lockscope.analyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockscope.advisor.Advice;
import dev.lockscope.analyzer.report.Report.Bucket;
import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The JSON report. Field names and units are a published contract (docs/report-json.md, schema version below):
 * add fields freely, never rename or remove one without bumping {@link #SCHEMA_VERSION}.
 */
public final class JsonRenderer {
    public static final int SCHEMA_VERSION = 2;

    private JsonRenderer() {
    }

    public static void render(Report r, Writer out, boolean withFlame) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("tool", r.tool());
            g.writeArrayFieldStart("recordings");
            for (RecordingInfo i : r.recordings()) {
                recording(g, i);
            }
            g.writeEndArray();
            g.writeNumberField("threadTimeNanos", r.threadTimeNanos());
            g.writeStringField("threadTimeSource", r.threadTimeSource());
            g.writeNumberField("activeTimeNanos", r.activeTimeNanos());
            g.writeStringField("activeTimeSource", r.activeTimeSource());
            rows(g, "locks", r.locks(), withFlame);
            rows(g, "conditionWaits", r.conditions(), withFlame);
            rows(g, "otherParks", r.otherParks(), withFlame);
            rows(g, "pinned", r.pinned(), withFlame);
            g.writeArrayFieldStart("notes");
            for (String n : r.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void recording(JsonGenerator g, RecordingInfo i) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", i.file());
        g.writeNumberField("bytes", i.bytes());
        g.writeNumberField("chunks", i.chunks());
        g.writeBooleanField("truncated", i.truncated());
        g.writeNumberField("startEpochNanos", i.startEpochNanos());
        g.writeNumberField("durationNanos", i.durationNanos());
        g.writeStringField("jvm", i.jvm());
        g.writeNumberField("pid", i.pid());
        g.writeNumberField("meanLiveThreads", i.meanThreads());
        stringMap(g, "thresholds", i.thresholds());
        g.writeObjectFieldStart("waitEvents");
        for (Map.Entry<String, Long> e : i.waitEvents().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("recorder", i.recorder());
        g.writeNumberField("lockSamplingIntervalNanos", i.lockSamplingIntervalNanos());
        g.writeEndObject();
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void rows(JsonGenerator g, String name, List<LockRow> rows, boolean withFlame) throws IOException {
        g.writeArrayFieldStart(name);
        for (LockRow row : rows) {
            g.writeStartObject();
            g.writeStringField("id", row.id());
            g.writeStringField("kind", row.kind());
            g.writeStringField("family", row.family());
            g.writeStringField("lockClass", row.lockClass());
            g.writeStringField("address", row.address());
            g.writeNumberField("addressesSeen", row.addressesSeen());
            g.writeStringField("addressesMergedBy", row.addressesMergedBy());
            g.writeStringField("identity", row.identity());
            named(g, "sites", row.sites());
            g.writeNumberField("waits", row.waitsCount());
            g.writeStringField("waitsCounted", row.waitsCounted());
            g.writeStringField("waitsSource", row.waitsSource());
            g.writeNumberField("waitsSamplingIntervalNanos", row.waitsSamplingIntervalNanos());
            g.writeNumberField("totalWaitNanos", row.totalWaitNanos());
            if (row.sharesActiveTime()) {
                g.writeNumberField("shareOfActiveTime", row.shareOfActiveTime());
            } else {
                g.writeNumberField("shareOfThreadTime", row.shareOfThreadTime());
            }
            g.writeNumberField("p50WaitNanos", row.p50Nanos());
            g.writeNumberField("p90WaitNanos", row.p90Nanos());
            g.writeNumberField("p99WaitNanos", row.p99Nanos());
            g.writeNumberField("maxWaitNanos", row.maxNanos());
            g.writeNumberField("waitingThreads", row.waitingThreads());
            g.writeBooleanField("waitingThreadsIsLowerBound", row.waitingThreadsCapped());
            named(g, "blockedBy", row.blockedBy());
            named(g, "waiters", row.waiters());
            strings(g, "sourceEvents", row.sourceEvents());
            strings(g, "recordings", row.recordings());
            g.writeArrayFieldStart("histogram");
            for (Bucket b : row.histogram()) {
                g.writeStartObject();
                g.writeNumberField("fromNanos", b.lowNanos());
                g.writeNumberField("toNanos", b.highNanos());
                g.writeNumberField("waits", b.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            agent(g, row.agent());
            if (row.advice() != null) {
                advice(g, row.advice());
            }
            if (row.holders() != null) {
                holders(g, row.holders());
            }
            if (withFlame) {
                g.writeFieldName("flame");
                flame(g, row.flame().forDisplay());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void agent(JsonGenerator g, Report.AgentFacts a) throws IOException {
        if (a == null) {
            g.writeNullField("agent");
            return;
        }
        g.writeObjectFieldStart("agent");
        g.writeStringField("site", a.constructionSite());
        g.writeStringField("siteKind", a.siteKind());
        g.writeNumberField("lockId", a.lockId());
        g.writeStringField("source", a.source());
        g.writeStringField("matchedBy", a.joinedBy());
        g.writeNumberField("waits", a.waits().count());
        g.writeStringField("waitsCounted", a.waits().counted());
        g.writeStringField("waitsSource", a.waits().source());
        g.writeNumberField("totalWaitNanos", a.waits().totalNanos());
        g.writeNumberField("p50WaitNanos", a.waits().p50Nanos());
        g.writeNumberField("p99WaitNanos", a.waits().p99Nanos());
        g.writeNumberField("maxWaitNanos", a.maxWaitNanos());
        g.writeNumberField("contendedHolds", a.holds());
        // Schema 2's names for the span figures, kept beside the names that say what they are.
        g.writeNumberField("meanHoldNanos", a.meanHoldSpanNanos());
        g.writeNumberField("maxHoldNanos", a.maxHoldSpanNanos());
        g.writeNumberField("medianHoldSpanNanos", a.medianHoldSpanNanos());
        g.writeNumberField("meanHoldSpanNanos", a.meanHoldSpanNanos());
        g.writeNumberField("maxHoldSpanNanos", a.maxHoldSpanNanos());
        g.writeNumberField("holdEstimatedFromWaitsNanos", a.holdFromWaitsNanos());
        g.writeNumberField("readShare", a.readShare());
        g.writeNumberField("ownerOnCpuShare", a.ownerOnCpuShare());
        g.writeNumberField("futexCallsPerWait", a.futexCallsPerWait());
        named(g, "owners", a.owners());
        g.writeNumberField("conditionWaits", a.conditionWaits());
        g.writeEndObject();
    }

    private static void holders(JsonGenerator g, HolderProfile h) throws IOException {
        g.writeObjectFieldStart("holders");
        g.writeBooleanField("available", h.available());
        g.writeStringField("unavailableReason", h.unavailableReason());
        g.writeStringField("ownerFrom", h.ownerFrom());
        g.writeNumberField("waits", h.waits());
        g.writeNumberField("ownedNanos", h.ownedNanos());
        g.writeNumberField("waitsWithoutOwner", h.waitsWithoutOwner());
        g.writeNumberField("waitsLeftOut", h.waitsLeftOut());
        g.writeArrayFieldStart("states");
        for (HolderProfile.State s : h.states()) {
            g.writeStartObject();
            g.writeStringField("state", s.state());
            g.writeStringField("label", s.label());
            g.writeNumberField("share", s.share());
            g.writeNumberField("nanos", s.nanos());
            g.writeStringField("source", s.source());
            g.writeStringField("origin", s.origin());
            g.writeNumberField("waits", s.waits());
            g.writeNumberField("samples", s.samples());
            counted(g, "frames", s.frames());
            counted(g, "events", s.events());
            g.writeEndObject();
        }
        g.writeEndArray();
        chain(g, "waitedFor", h.waitedFor());
        chain(g, "waitedForBy", h.waitedForBy());
        g.writeBooleanField("chainRoot", h.chainRoot());
        g.writeEndObject();
    }

    /** Names with how many events or samples each is and their time: {@code {name, count, nanos}}. */
    private static void counted(JsonGenerator g, String field, List<Named> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (Named n : names) {
            g.writeStartObject();
            g.writeStringField("name", n.name());
            g.writeNumberField("count", n.count());
            g.writeNumberField("nanos", n.nanos());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void chain(JsonGenerator g, String field, List<HolderProfile.ChainLink> links) throws IOException {
        g.writeArrayFieldStart(field);
        for (HolderProfile.ChainLink l : links) {
            g.writeStartObject();
            g.writeStringField("lockId", l.lockId());
            g.writeStringField("lock", l.lock());
            g.writeNumberField("share", l.share());
            g.writeNumberField("nanos", l.nanos());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void advice(JsonGenerator g, Advice a) throws IOException {
        g.writeObjectFieldStart("advice");
        g.writeStringField("verdict", a.verdict().name());
        g.writeStringField("label", a.verdict().label());
        g.writeStringField("confidence", a.confidence().name());
        g.writeStringField("reason", a.reason());
        strings(g, "evidence", a.evidence());
        strings(g, "missingEvidence", a.missing());
        g.writeStringField("expectedEffect", a.expectedEffect());
        g.writeEndObject();
    }

    private static void named(JsonGenerator g, String field, List<Named> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (Named n : names) {
            g.writeStartObject();
            g.writeStringField("name", n.name());
            g.writeNumberField("waits", n.count());
            g.writeNumberField("waitNanos", n.nanos());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void flame(JsonGenerator g, FlameNode n) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", n.name());
        g.writeNumberField("waitNanos", n.nanos());
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (FlameNode c : n.children()) {
                flame(g, c);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
