package covert.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import covert.UserError;
import covert.log.EvalLog;
import covert.log.Json;
import covert.log.LogFiles;
import covert.model.Checkpoint;
import covert.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Eval logs as a scan corpus: one JSON line per sample holding all its reasoning, labelled with the run's
 * checkpoint ({@code eval.metadata.checkpoint}: its step, else its name). Samples are streamed, one in memory at
 * a time, so the engine reads logs of any size the way it reads any other corpus.
 */
public final class LogCorpus {
    private LogCorpus() {}

    /** Writes the reasoning of every sample of the logs to {@code out} (empty for a sample without any, so it still counts as a text); returns the number of lines. */
    public static long write(List<Path> logs, Path out) {
        long n = 0;
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            for (Path log : logs) {
                String checkpoint = checkpoint(log);
                long[] count = {0};
                LogFiles.stream(log, s -> {
                    String text = reasoning(s);
                    try {
                        g.writeStartObject();
                        g.writeStringField("text", text);
                        g.writeStringField("checkpoint", checkpoint);
                        g.writeStringField("log", log.toString());
                        g.writeStringField("sample_id", s.id());
                        g.writeNumberField("epoch", s.epoch());
                        g.writeEndObject();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
                n += count[0];
            }
            g.writeRaw('\n');
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot write the scan corpus " + out + ": " + e.getMessage());
        }
        return n;
    }

    static String checkpoint(Path log) {
        var meta = LogFiles.header(log).eval().metadata();
        return Checkpoint.fromMetadata(meta).map(c -> c.step() != null ? Long.toString(c.step()) : c.name())
                .orElseThrow(() -> new UserError(log + ": no eval.metadata.checkpoint; scan logs of checkpointed runs, or JSONL lines "
                        + "{\"text\": ..., \"checkpoint\": ...}"));
    }

    /** All reasoning of one sample, task phase and interview, one message per line. */
    static String reasoning(EvalLog.EvalSample s) {
        var sb = new StringBuilder();
        if (s.messages() == null) return "";
        for (Message m : s.messages()) {
            if (m instanceof Message.AssistantMessage a && !a.reasoning().isBlank()) sb.append(sb.isEmpty() ? "" : "\n").append(a.reasoning());
        }
        return sb.toString();
    }
}
