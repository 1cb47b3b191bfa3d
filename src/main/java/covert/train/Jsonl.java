package covert.train;

import covert.log.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one JSON object per line and counts the lines. */
final class Jsonl implements AutoCloseable {
    private final BufferedWriter out;
    private int lines;

    Jsonl(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void write(Object line) {
        try {
            out.write(Json.MAPPER.writeValueAsString(line));
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
