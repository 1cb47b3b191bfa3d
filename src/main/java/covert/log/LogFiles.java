package covert.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.UserError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Reads and writes whole JSON eval logs. Writes go to a temporary file first, so a crash never leaves half a log. */
public final class LogFiles {
    private LogFiles() {}

    public static void write(EvalLog log, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), log);
        move(tmp, path);
    }

    /**
     * Writes a log whose samples are already serialised, one per line after a start line, as a run's
     * journal holds them; so a large run is neither serialised twice nor held in memory. Lines whose key
     * (from {@code keys}, in file order) is in {@code replaced} are read and written as {@code merge(line, replacement)}.
     */
    public static void writeFromJournal(EvalLog log, Path journal, List<String> keys, Map<String, EvalLog.EvalSample> replaced,
                                        java.util.function.BinaryOperator<EvalLog.EvalSample> merge, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        var header = new EvalLog(log.version(), log.status(), log.eval(), log.plan(), log.results(), log.stats(), log.error(),
                log.invalidated(), log.tags(), log.metadata(), null, null);
        byte[] head = Json.MAPPER.writeValueAsBytes(header);
        // Lines are copied as bytes: decoding and re-encoding a gigabyte of JSON costs more than the run's samples.
        try (var in = new LineReader(Files.newInputStream(journal));
             var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(head, 0, head.length - 1);
            out.write(",\"samples\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var line = new java.io.ByteArrayOutputStream(1 << 16);
            in.next(line); // the start record
            for (int i = 0; i < keys.size(); i++) {
                if (!in.next(line)) throw new IOException(journal + " ends before sample " + (i + 1));
                if (i > 0) out.write(',');
                var swap = replaced.get(keys.get(i));
                if (swap == null) line.writeTo(out);
                else out.write(Json.MAPPER.writeValueAsBytes(merge.apply(readSample(line.toString(java.nio.charset.StandardCharsets.UTF_8)), swap)));
            }
            out.write("],\"reductions\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(Json.MAPPER.writeValueAsBytes(log.reductions()));
            out.write('}');
        }
        move(tmp, path);
    }

    /** Splits a byte stream into lines in large chunks, without decoding them. */
    private static final class LineReader implements AutoCloseable {
        private final java.io.InputStream in;
        private final byte[] buf = new byte[1 << 20];
        private int pos, len;

        LineReader(java.io.InputStream in) {
            this.in = in;
        }

        /** Reads the next line (without its newline) into {@code line}; false at the end of the stream. */
        boolean next(java.io.ByteArrayOutputStream line) throws IOException {
            line.reset();
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return line.size() > 0;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') pos++;
                line.write(buf, start, pos - start);
                if (pos < len) {
                    pos++;
                    return true;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Reads one sample line of a journal in full. */
    public static EvalLog.EvalSample readSample(String json) throws IOException {
        return Json.MAPPER.readValue(json, EvalLog.EvalSample.class);
    }

    /** Puts a finished file under its final name in one step, so a reader or a resume never sees half of it. */
    public static void move(Path tmp, Path path) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Streams a finished log: the header first, then each sample, never holding more than one sample, so
     * that logs larger than memory can be imported.
     */
    public static EvalLog stream(Path path, java.util.function.Consumer<EvalLog.EvalSample> each) {
        try {
            if (path.getFileName().toString().endsWith(".eval")) {
                var header = EvalFiles.header(path);
                EvalFiles.forEachSample(path, each);
                return header;
            }
            var headerFields = Json.MAPPER.createObjectNode();
            try (var p = Json.MAPPER.createParser(path.toFile())) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) throw new UserError(path + ": not a JSON eval log");
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("samples") && p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) each.accept(Json.MAPPER.readValue(p, EvalLog.EvalSample.class));
                    } else if (field.equals("reductions")) {
                        p.skipChildren();
                    } else {
                        headerFields.set(field, Json.MAPPER.readTree(p));
                    }
                }
            }
            return Json.MAPPER.treeToValue(headerFields, EvalLog.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserError(path + ": no such log file");
        } catch (JsonProcessingException e) {
            throw new UserError(path + ": not a valid eval log: " + Json.problem(e));
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + EvalFiles.problem(e));
        }
    }

    /** The header of a finished log without its samples; a JSON log is read only up to its samples. */
    public static EvalLog header(Path path) {
        try {
            if (path.getFileName().toString().endsWith(".eval")) return EvalFiles.header(path);
            var fields = Json.MAPPER.createObjectNode();
            try (var p = Json.MAPPER.createParser(path.toFile())) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) throw new UserError(path + ": not a JSON eval log");
                // Inspect writes every header field before the samples, so the header ends where they begin.
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && !p.currentName().equals("samples")) {
                    String field = p.currentName();
                    p.nextToken();
                    fields.set(field, Json.MAPPER.readTree(p));
                }
            }
            return Json.MAPPER.treeToValue(fields, EvalLog.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserError(path + ": no such log file");
        } catch (IOException e) {
            throw new UserError(path + ": not a readable eval log: " + EvalFiles.problem(e));
        }
    }

    /** Reads what reports need: for {@code .eval} only header and summaries; a JSON log is read whole. */
    public static EvalLog readForReport(Path path) {
        return path.getFileName().toString().endsWith(".eval") ? EvalFiles.readSummaries(path) : read(path);
    }

    /** Reads a finished log, {@code .eval} or {@code .json}. */
    public static EvalLog read(Path path) {
        if (path.getFileName().toString().endsWith(".eval")) return EvalFiles.read(path);
        try {
            EvalLog log = Json.MAPPER.readValue(path.toFile(), EvalLog.class);
            if (log == null || log.eval() == null) throw new UserError(path + ": not an Inspect eval log (no 'eval' field)");
            return log;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserError(path + ": no such log file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserError(path + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not a valid JSON eval log: " + Json.problem(e));
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + EvalFiles.problem(e));
        }
    }

    /** Inspect's file naming: {@code {created}_{task}_{task_id}.{eval|json}} with ':' and '+' made filename-safe. */
    public static String fileName(String created, String task, String taskId, String format) {
        String c = created.replaceAll("\\.\\d+", "").replace(':', '-').replace('+', '-');
        return c + "_" + task.replace('_', '-').replace('/', '-') + "_" + taskId + "." + format;
    }
}
