package covert.run;

import covert.log.EvalLog;
import covert.log.EvalZip;
import covert.log.Json;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An {@code .eval} log written as the run goes: {@code _journal/start.json} first, each sample entry as it
 * completes, a {@code _journal/summaries/N.json} chunk every {@value #CHUNK} samples, and at the end
 * {@code summaries.json}, {@code reductions.json} and {@code header.json}.
 * <p>
 * No kill leaves a half-made file under the final name: the archive appears there only once its start
 * record is written, and the finished log is written beside it and moved over it in one step, so until
 * then the final name holds a torn log that {@code --resume} continues. A resumed run likewise writes a
 * fresh archive next to the torn one and replaces it only when finished.
 */
public final class EvalRunLog implements RunLog {
    static final int CHUNK = 200;

    private static final String START = "_journal/start.json";

    /** A sample's entry name and deflated body, kept so that the finished archive can be written afresh. */
    private record Entry(String name, EvalZip.Deflated body) {}

    private final Path target;
    private final Path writing;
    private final EvalZip zip;
    private final EvalZip.Deflated start;
    private final Map<String, Entry> bodies = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private int chunks;

    private EvalRunLog(Path target, Path writing, Path opened, EvalLog.LogStart start) throws IOException {
        this.target = target;
        this.writing = writing;
        Files.deleteIfExists(opened); // what an earlier killed attempt left half-written
        this.zip = new EvalZip(opened);
        this.start = EvalZip.json(start);
        zip.add(START, this.start);
        zip.flush();
    }

    /**
     * Writes a whole finished log to {@code path} safely: into a temporary file beside it, then renamed over it in one
     * step, so a reader sees the old log or the new one and a crash leaves the old one in place.
     */
    public static void rewrite(Path path, EvalLog log) throws IOException {
        Path tmp = sibling(path, ".writing");
        var out = new EvalRunLog(tmp, tmp, tmp, new EvalLog.LogStart(log.version(), log.eval(), log.plan()));
        for (var s : log.samples()) out.add(s);
        out.finish(log, Map.of(), (a, b) -> a);
        LogFiles.move(tmp, path);
    }

    /** A fresh log: opened under a temporary name and moved to {@code path} once its start record is on disk. */
    static EvalRunLog create(Path path, EvalLog.LogStart start) throws IOException {
        Path opening = sibling(path, ".starting");
        var log = new EvalRunLog(path, path, opening, start);
        LogFiles.move(opening, path); // the open channel follows the file: appends continue under the final name
        return log;
    }

    /** Continues a torn log: copies what it holds into a fresh archive, which replaces it when the run ends. */
    static EvalRunLog resume(Path path, EvalLog.LogStart start, List<EvalLog.EvalSample> done) throws IOException {
        Path resuming = sibling(path, ".resuming");
        var log = new EvalRunLog(path, resuming, resuming, start);
        for (var s : done) log.add(s);
        return log;
    }

    private static Path sibling(Path path, String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    @Override
    public Path resumeFrom() {
        return target;
    }

    @Override
    public void add(EvalLog.EvalSample s) throws IOException {
        var body = EvalZip.json(s);
        var summary = summary(s);
        synchronized (this) {
            String name = EvalZip.sampleEntry(s.id(), s.epoch());
            zip.add(name, body);
            bodies.put(Journal.key(s), new Entry(name, body));
            summaries.put(Journal.key(s), summary);
            pending.add(summary);
            if (pending.size() >= CHUNK) flushSummaries();
        }
    }

    private void flushSummaries() throws IOException {
        if (pending.isEmpty()) return;
        zip.add("_journal/summaries/" + (++chunks) + ".json", EvalZip.json(pending));
        pending.clear();
    }

    /** Inspect's EvalSampleSummary: what the viewer lists; {@code completed: true} makes it load the sample entry. */
    private static Map<String, Object> summary(EvalLog.EvalSample s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", s.id());
        m.put("epoch", s.epoch());
        m.put("input", s.input());
        m.put("target", s.target());
        m.put("metadata", thin(s.metadata()));
        m.put("scores", thinScores(s.scores()));
        m.put("model_usage", s.modelUsage());
        m.put("role_usage", s.roleUsage());
        if (s.startedAt() != null) m.put("started_at", s.startedAt());
        if (s.completedAt() != null) m.put("completed_at", s.completedAt());
        if (s.totalTime() != null) m.put("total_time", s.totalTime());
        if (s.workingTime() != null) m.put("working_time", s.workingTime());
        if (s.uuid() != null) m.put("uuid", s.uuid());
        if (s.error() != null) m.put("error", s.error().message());
        if (s.limit() != null) m.put("limit", s.limit().type()); // a summary names the kind of limit (Inspect: a string)
        m.put("message_count", s.messages() == null ? 0 : s.messages().size());
        m.put("completed", true);
        return m;
    }

    /** Summary metadata keeps what lists and reports read; the long texts stay in the sample entry. */
    private static final Set<String> SUMMARY_KEYS = Set.of("environment", "family", "group", "headline", "variant",
            "epoch_seed", "simulated", "outcome", "aware", "limit");

    private static Map<String, Object> thin(Map<String, Object> meta) {
        var out = new LinkedHashMap<String, Object>();
        if (meta != null) meta.forEach((k, v) -> { if (SUMMARY_KEYS.contains(k)) out.put(k, v); });
        return out;
    }

    /** Scores without explanations and evidence: the outcome and kinds are what a summary row shows. */
    private static Map<String, EvalLog.Score> thinScores(Map<String, EvalLog.Score> scores) {
        var out = new LinkedHashMap<String, EvalLog.Score>();
        if (scores == null) return out;
        scores.forEach((k, v) -> {
            Map<String, Object> sm = null;
            if (v.metadata() != null) {
                sm = new LinkedHashMap<>();
                for (String key : List.of("outcome", "kinds", "measures", "review")) if (v.metadata().containsKey(key)) sm.put(key, v.metadata().get(key));
                // the verdict's labels and flags (for sensitivity and the review queue); its quoted sentences stay in the sample
                if (v.metadata().get(SampleRecord.VERDICT) instanceof Map<?, ?> verdict) {
                    var thinVerdict = new LinkedHashMap<Object, Object>(verdict);
                    thinVerdict.remove("violations");
                    sm.put(SampleRecord.VERDICT, thinVerdict);
                }
            }
            out.put(k, new EvalLog.Score(v.value(), null, null, sm, v.history() == null ? List.of() : v.history()));
        });
        return out;
    }

    @Override
    public synchronized void finish(EvalLog complete, Map<String, EvalLog.EvalSample> rescored, BinaryOperator<EvalLog.EvalSample> merge)
            throws IOException {
        for (var e : rescored.entrySet()) {
            var full = Json.MAPPER.readValue(inflate(bodies.get(e.getKey()).body()), EvalLog.EvalSample.class);
            var merged = merge.apply(full, e.getValue());
            var entry = new Entry(EvalZip.sampleEntry(merged.id(), merged.epoch()), EvalZip.json(merged));
            bodies.put(e.getKey(), entry);
            var sum = summaries.get(e.getKey());
            sum.put("scores", thinScores(merged.scores()));
            sum.put("metadata", thin(merged.metadata()));
        }
        // The archive written so far is the run's journal: close it as a torn but resumable log, write the finished log
        // beside it with exactly one entry per sample (a re-scored sample's entry replaces the journaled one), then swap,
        // so a kill in between leaves one or the other whole under the final name.
        zip.close();
        Path finishing = sibling(target, ".finishing");
        Files.deleteIfExists(finishing); // left by a run killed while finishing
        try (var out = new EvalZip(finishing)) {
            out.add(START, start);
            for (var e : bodies.values()) out.add(e.name(), e.body());
            writeEnd(out, complete);
        }
        LogFiles.move(finishing, target);
        if (!writing.equals(target)) Files.deleteIfExists(writing); // a resumed run's copy of the torn log
    }

    private void writeEnd(EvalZip out, EvalLog complete) throws IOException {
        var order = complete.samples().stream().map(Journal::key).toList();
        out.add("summaries.json", EvalZip.json(order.stream().map(summaries::get).filter(Objects::nonNull).toList()));
        out.add("reductions.json", EvalZip.json(complete.reductions()));
        var header = new EvalLog(complete.version(), complete.status(), complete.eval(), complete.plan(), complete.results(),
                complete.stats(), complete.error(), complete.invalidated(), complete.tags(), complete.metadata(), null, null);
        out.add("header.json", EvalZip.json(header));
    }

    private static byte[] inflate(EvalZip.Deflated d) throws IOException {
        var inf = new Inflater(true);
        inf.setInput(d.data());
        byte[] out = new byte[(int) d.size()];
        try {
            int n = 0;
            while (n < out.length && !inf.finished()) n += inf.inflate(out, n, out.length - n);
        } catch (DataFormatException e) {
            throw new IOException("corrupt sample entry", e);
        } finally {
            inf.end();
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        // finish() closes the archive; a failed run leaves it open on purpose: torn but resumable.
    }
}
