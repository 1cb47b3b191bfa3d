package covert.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.UserError;
import covert.env.Sample;
import covert.log.EvalLog;
import covert.log.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only record of a run in progress: the first line is Inspect's {@code LogStart} (which holds
 * the run config), then one completed {@code EvalSample} per line. A run killed at any moment loses at
 * most the samples in flight; a line cut off mid-write is dropped on resume.
 */
final class Journal implements RunLog {
    static final String SUFFIX = ".journal.jsonl";

    private final Path path;
    private final BufferedWriter out;
    private Path log;
    /** Keys of the sample lines in file order, so the final log can copy lines without parsing them. */
    private final List<String> keys = new ArrayList<>();

    private Journal(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    static Path pathFor(Path log) {
        String name = log.getFileName().toString();
        return log.resolveSibling(name.replaceAll("\\.json$", "") + SUFFIX);
    }

    /**
     * Starts a journal. Its start line is written under a temporary name that is then moved to {@code path},
     * so a journal under its own name always has a whole start line, however early the run is killed.
     */
    static Journal create(Path path, EvalLog.LogStart start, Path log) throws IOException {
        if (Files.exists(path)) throw new java.nio.file.FileAlreadyExistsException(path.toString());
        Path starting = path.resolveSibling(path.getFileName() + ".starting");
        Files.writeString(starting, Json.MAPPER.writeValueAsString(start) + "\n", StandardCharsets.UTF_8);
        covert.log.LogFiles.move(starting, path);
        var j = new Journal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        j.log = log;
        return j;
    }

    /** The start record and the journaled samples, light (without transcripts), in file order. */
    record Contents(EvalLog.LogStart start, List<EvalLog.EvalSample> samples) {}

    /** Reads a journal, truncating a final partial line so that appends continue from a clean end. */
    static Contents read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(path + ": no such journal or log to resume");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(path + ": not a Covert journal (not UTF-8 text)");
        }
        if (lines.isEmpty()) throw new UserError(path + ": empty journal: the run was killed before it started; start it again");
        EvalLog.LogStart start;
        try {
            start = Json.MAPPER.readValue(lines.get(0), EvalLog.LogStart.class);
            if (start == null || start.eval() == null) throw new UserError(path + ":1: not a Covert journal (bad start line)");
        } catch (JsonProcessingException e) {
            throw new UserError(path + ":1: not a Covert journal (bad start line)");
        }
        var samples = new ArrayList<EvalLog.EvalSample>();
        long goodBytes = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1L;
        for (int i = 1; i < lines.size(); i++) {
            EvalLog.EvalSample s;
            try {
                s = Json.MAPPER.readValue(lines.get(i), EvalLog.EvalSample.class);
            } catch (JsonProcessingException e) {
                s = null;
            }
            if (s == null || !wellFormed(s)) {
                if (i != lines.size() - 1) throw new UserError(path + ":" + (i + 1) + ": corrupt journal line");
                continue; // the line a kill cut off
            }
            samples.add(light(s));
            goodBytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1L;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (ch.size() > goodBytes) ch.truncate(goodBytes);
            else if (ch.size() == goodBytes - 1) ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), ch.size());
        }
        return new Contents(start, samples);
    }

    /** What this journal always writes for a sample; a line without it was damaged, not written by a run. */
    private static boolean wellFormed(EvalLog.EvalSample s) {
        return s.id() != null && s.scores() != null && s.scores().get(covert.log.SampleRecord.SCORER) != null && s.modelUsage() != null
                && s.roleUsage() != null && !s.modelUsage().containsValue(null) && !s.roleUsage().containsValue(null);
    }

    static Journal append(Path path, List<EvalLog.EvalSample> existing, Path log) throws IOException {
        var j = new Journal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        j.log = log;
        existing.forEach(s -> j.keys.add(key(s)));
        return j;
    }

    /** The sample without its transcript: what rates and reports need, a small fraction of the memory. */
    static EvalLog.EvalSample light(EvalLog.EvalSample s) {
        return new EvalLog.EvalSample(s.id(), s.epoch(), s.input(), s.target(), List.of(), null, s.scores(), s.metadata(), s.store(),
                List.of(), s.modelUsage(), s.roleUsage(), s.startedAt(), s.completedAt(), s.totalTime(), s.workingTime(), s.uuid(),
                s.error(), s.limit(), s.attachments(), null);
    }

    synchronized List<String> keys() {
        return List.copyOf(keys);
    }

    /** Serialises outside the lock, so samples finishing together do not queue behind each other's JSON. */
    @Override
    public Path resumeFrom() {
        return path;
    }

    @Override
    public void finish(EvalLog complete, java.util.Map<String, EvalLog.EvalSample> rescored,
                       java.util.function.BinaryOperator<EvalLog.EvalSample> merge) throws IOException {
        out.close();
        covert.log.LogFiles.writeFromJournal(complete, path, keys(), rescored, merge, log);
        Files.deleteIfExists(path);
    }

    @Override
    public void add(EvalLog.EvalSample sample) throws IOException {
        String json = Json.MAPPER.writeValueAsString(sample);
        synchronized (this) {
            writeLine(json);
            keys.add(key(sample));
        }
    }

    private synchronized void writeLine(String json) throws IOException {
        out.write(json);
        out.write('\n');
        out.flush();
    }

    Path path() {
        return path;
    }

    static String key(EvalLog.EvalSample s) {
        return Sample.key(s.id(), s.epoch());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
