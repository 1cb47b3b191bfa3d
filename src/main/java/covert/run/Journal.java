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
final class Journal implements AutoCloseable {
    static final String SUFFIX = ".journal.jsonl";

    private final Path path;
    private final BufferedWriter out;

    private Journal(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    static Path pathFor(Path log) {
        String name = log.getFileName().toString();
        return log.resolveSibling(name.replaceAll("\\.json$", "") + SUFFIX);
    }

    static Journal create(Path path, EvalLog.LogStart start) throws IOException {
        var w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        var j = new Journal(path, w);
        j.writeLine(Json.MAPPER.writeValueAsString(start));
        return j;
    }

    record Contents(EvalLog.LogStart start, List<EvalLog.EvalSample> samples, List<String> json) {}

    /** Reads a journal, truncating a final partial line so that appends continue from a clean end. */
    static Contents read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(path + ": no such journal or log to resume");
        }
        if (lines.isEmpty()) throw new UserError(path + ": empty journal, nothing to resume");
        EvalLog.LogStart start;
        try {
            start = Json.MAPPER.readValue(lines.get(0), EvalLog.LogStart.class);
        } catch (JsonProcessingException e) {
            throw new UserError(path + ":1: not a Covert journal (bad start line)");
        }
        var samples = new ArrayList<EvalLog.EvalSample>();
        var json = new ArrayList<String>();
        long goodBytes = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1L;
        for (int i = 1; i < lines.size(); i++) {
            try {
                samples.add(Json.MAPPER.readValue(lines.get(i), EvalLog.EvalSample.class));
                json.add(lines.get(i));
                goodBytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1L;
            } catch (JsonProcessingException e) {
                if (i != lines.size() - 1) throw new UserError(path + ":" + (i + 1) + ": corrupt journal line");
            }
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (ch.size() > goodBytes) ch.truncate(goodBytes);
            else if (ch.size() == goodBytes - 1) ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), ch.size());
        }
        return new Contents(start, samples, json);
    }

    static Journal append(Path path) throws IOException {
        return new Journal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** Serialises outside the lock, so samples finishing together do not queue behind each other's JSON. */
    String add(EvalLog.EvalSample sample) throws IOException {
        String json = Json.MAPPER.writeValueAsString(sample);
        writeLine(json);
        return json;
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
