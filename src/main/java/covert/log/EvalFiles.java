package covert.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Reads Inspect {@code .eval} logs: finished ones through the central directory, torn ones entry by entry. */
public final class EvalFiles {
    private EvalFiles() {}

    /** A whole finished log: header, every sample, reductions. */
    public static EvalLog read(Path path) {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            var headerEntry = zip.getEntry("header.json");
            if (headerEntry == null) throw new UserError(path + ": .eval log has no header.json (unfinished run? resume it with covert run --resume)");
            EvalLog header = readJson(zip, headerEntry, EvalLog.class);
            var samples = new ArrayList<EvalLog.EvalSample>();
            var byName = new LinkedHashMap<String, ZipArchiveEntry>();
            for (var e : java.util.Collections.list(zip.getEntries())) if (e.getName().startsWith("samples/")) byName.put(e.getName(), e);
            for (var e : byName.values()) samples.add(readJson(zip, e, EvalLog.EvalSample.class));
            var red = zip.getEntry("reductions.json");
            List<EvalLog.Reduction> reductions = red == null ? null : List.of(readJson(zip, red, EvalLog.Reduction[].class));
            return new EvalLog(header.version(), header.status(), header.eval(), header.plan(), header.results(), header.stats(),
                    header.error(), header.invalidated(), header.tags(), header.metadata(), samples, reductions);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(path + ": no such log file");
        } catch (JsonProcessingException e) {
            throw new UserError(path + ": bad JSON inside the .eval log: " + Json.problem(e));
        } catch (IOException e) {
            throw new UserError(path + ": not a readable .eval (ZIP) log: " + problem(e));
        }
    }

    /**
     * The header and light samples (scores and metadata, no transcripts) from {@code summaries.json}: all a
     * report needs, at a small fraction of the cost of reading every sample.
     */
    public static EvalLog readSummaries(Path path) {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            var headerEntry = zip.getEntry("header.json");
            var sumEntry = zip.getEntry("summaries.json");
            if (headerEntry == null || sumEntry == null) return read(path);
            EvalLog header = readJson(zip, headerEntry, EvalLog.class);
            var samples = new ArrayList<EvalLog.EvalSample>();
            for (var m : readJson(zip, sumEntry, Summary[].class)) {
                var meta = new LinkedHashMap<String, Object>(m.metadata() == null ? Map.of() : m.metadata());
                meta.put("message_count", m.messageCount());
                samples.add(new EvalLog.EvalSample(m.id(), m.epoch(), m.input(), m.target(), List.of(), null, m.scores(), meta, Map.of(),
                        List.of(), m.modelUsage(), m.roleUsage(), m.startedAt(), m.completedAt(), m.totalTime(), m.workingTime(), m.uuid(),
                        m.error() == null ? null : new covert.agent.Event.EvalError(m.error(), "", ""), null, Map.of(), null));
            }
            return new EvalLog(header.version(), header.status(), header.eval(), header.plan(), header.results(), header.stats(),
                    header.error(), header.invalidated(), header.tags(), header.metadata(), samples, null);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(path + ": no such log file");
        } catch (IOException e) {
            throw new UserError(path + ": not a readable .eval (ZIP) log: " + problem(e));
        }
    }

    /** One line on what is wrong inside an archive: the JSON problem in the log's terms, or the I/O failure. */
    static String problem(IOException e) {
        if (e instanceof JsonProcessingException j) return Json.problem(j);
        String m = e.getMessage();
        return m == null ? "cannot read it" : m.lines().findFirst().orElse("cannot read it");
    }

    /** Inspect's EvalSampleSummary, as far as reports read it. */
    record Summary(String id, int epoch, String input, String target, Map<String, Object> metadata, Map<String, EvalLog.Score> scores,
                   Map<String, covert.model.Usage> modelUsage, Map<String, covert.model.Usage> roleUsage, String startedAt, String completedAt,
                   Double totalTime, Double workingTime, String uuid, String error, int messageCount) {}

    /** Every sample of a finished log in turn, one in memory at a time; a rewritten entry counts once, as its last copy. */
    public static void forEachSample(Path path, java.util.function.Consumer<EvalLog.EvalSample> each) throws IOException {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            var last = new LinkedHashMap<String, ZipArchiveEntry>();
            for (var e : java.util.Collections.list(zip.getEntries())) if (e.getName().startsWith("samples/")) last.put(e.getName(), e);
            for (var e : last.values()) each.accept(readJson(zip, e, EvalLog.EvalSample.class));
        }
    }

    /** Copies entries, inflated, to files (entry name to target); false when any entry is missing. */
    public static boolean extract(Path path, Map<String, Path> entries) throws IOException {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            for (var en : entries.entrySet()) {
                var e = zip.getEntry(en.getKey());
                if (e == null) return false;
                try (InputStream in = zip.getInputStream(e)) {
                    java.nio.file.Files.copy(in, en.getValue(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return true;
        }
    }

    /** The header of a finished log. */
    public static EvalLog header(Path path) throws IOException {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            var h = zip.getEntry("header.json");
            if (h == null) throw new UserError(path + ": .eval log has no header.json (unfinished run? resume it with covert run --resume)");
            return readJson(zip, h, EvalLog.class);
        }
    }

    /** One sample of a finished log, read on demand without loading the others. */
    public static Optional<EvalLog.EvalSample> sample(Path path, String id, int epoch) throws IOException {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            var e = zip.getEntry(EvalZip.sampleEntry(id, epoch));
            return e == null ? Optional.empty() : Optional.of(readJson(zip, e, EvalLog.EvalSample.class));
        }
    }

    private static <T> T readJson(ZipFile zip, ZipArchiveEntry e, Class<T> type) throws IOException {
        T value;
        try (InputStream in = zip.getInputStream(e)) {
            value = Json.MAPPER.readValue(in, type);
        }
        // "null" parses to null; a header or sample without its fields is as broken as malformed JSON
        if (value == null || value instanceof EvalLog log && log.eval() == null || value instanceof EvalLog.EvalSample s && s.id() == null
                || value instanceof Object[] items && java.util.Arrays.asList(items).contains(null)) {
            throw new IOException(e.getName() + " does not hold what an eval log's " + e.getName() + " holds");
        }
        return value;
    }

    /** What a torn log (a killed run) still holds: its start record and the samples written whole. */
    public record Torn(EvalLog.LogStart start, Map<String, EvalLog.EvalSample> samples, boolean finished) {}

    /**
     * Reads entries in file order from the local headers until the data ends or breaks off, so a log whose
     * writer was killed (no central directory) still yields every sample it had written.
     */
    public static Torn readTorn(Path path) throws IOException {
        EvalLog.LogStart start = null;
        var samples = new LinkedHashMap<String, EvalLog.EvalSample>();
        boolean finished = false;
        try (var in = new ZipArchiveInputStream(java.nio.file.Files.newInputStream(path))) {
            ZipArchiveEntry e;
            while (true) {
                try {
                    e = in.getNextEntry();
                    if (e == null) break;
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals("_journal/start.json")) start = Json.MAPPER.readValue(bytes, EvalLog.LogStart.class);
                    else if (e.getName().equals("header.json")) finished = true;
                    else if (e.getName().startsWith("samples/")) {
                        var s = Json.MAPPER.readValue(bytes, EvalLog.EvalSample.class);
                        if (s == null || s.id() == null) break; // not a sample Covert wrote: what follows is not trusted either
                        samples.put(s.id() + "#" + s.epoch(), s);
                    }
                } catch (IOException broken) {
                    break; // the entry the kill interrupted: everything before it is whole
                }
            }
        }
        if (start == null || start.eval() == null) {
            if (java.nio.file.Files.size(path) == 0) throw new UserError(path + ": empty log: the run was killed before it started; start it again");
            throw new UserError(path + ": not a Covert .eval journal (no _journal/start.json)");
        }
        // header.json without a central directory is a finish the kill cut short: the samples are whole, so resume it
        return new Torn(start, samples, finished && hasCentralDirectory(path));
    }

    private static boolean hasCentralDirectory(Path path) {
        try (var zip = ZipFile.builder().setPath(path).get()) {
            return zip.getEntry("header.json") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
