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

/** Reads and writes whole JSON eval logs. Writes go to a temporary file first, so a crash never leaves half a log. */
public final class LogFiles {
    private LogFiles() {}

    public static void write(EvalLog log, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), log);
        move(tmp, path);
    }

    /**
     * Writes a log whose samples are already serialised (as the journal holds them), so a large run is not
     * serialised twice. {@code samplesJson} must be in the order of {@code log.samples()}.
     */
    public static void write(EvalLog log, List<String> samplesJson, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        var header = new EvalLog(log.version(), log.status(), log.eval(), log.plan(), log.results(), log.stats(), log.error(),
                log.invalidated(), log.tags(), log.metadata(), null, null);
        String head = Json.MAPPER.writeValueAsString(header);
        try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(tmp), java.nio.charset.StandardCharsets.UTF_8), 1 << 20)) {
            out.write(head, 0, head.length() - 1);
            out.write(",\"samples\":[");
            for (int i = 0; i < samplesJson.size(); i++) {
                if (i > 0) out.write(',');
                out.write(samplesJson.get(i));
            }
            out.write("],\"reductions\":");
            out.write(Json.MAPPER.writeValueAsString(log.reductions()));
            out.write('}');
        }
        move(tmp, path);
    }

    private static void move(Path tmp, Path path) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static EvalLog read(Path path) {
        try {
            EvalLog log = Json.MAPPER.readValue(path.toFile(), EvalLog.class);
            if (log == null || log.eval() == null) throw new UserError(path + ": not an Inspect eval log (no 'eval' field)");
            return log;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserError(path + ": no such log file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserError(path + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not a valid JSON eval log: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + e.getMessage());
        }
    }

    /** Inspect's file naming: {@code {created}_{task}_{task_id}.json} with ':' and '+' made filename-safe. */
    public static String fileName(String created, String task, String taskId) {
        String c = created.replaceAll("\\.\\d+", "").replace(':', '-').replace('+', '-');
        return c + "_" + task.replace('_', '-').replace('/', '-') + "_" + taskId + ".json";
    }
}
