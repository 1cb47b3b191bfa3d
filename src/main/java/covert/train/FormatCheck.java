package covert.train;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validator for one export target, written from that target's public format definition rather than from our
 * writer, so that a writer bug shows up as a problem here. Datagen runs every file it writes through its check.
 */
public sealed interface FormatCheck permits OpenAiChatCheck, HfMessagesCheck {
    /** The problems of one JSONL line, each a short sentence; empty when the line is valid. */
    List<String> problems(JsonNode line);

    /** The problems of a whole file, each prefixed with its line number; an unparsable line is a problem too. */
    default List<String> file(Path file) throws IOException {
        var out = new ArrayList<String>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                out.add(file.getFileName() + ":" + n + ": not a JSON object");
                continue;
            }
            for (String p : problems(node)) out.add(file.getFileName() + ":" + n + ": " + p);
        }
        return out;
    }

    /** Checks that {@code node} is an object and has only {@code allowed} keys. */
    static void keys(JsonNode node, String where, Set<String> allowed, List<String> out) {
        if (node == null || !node.isObject()) {
            out.add(where + " is not an object");
            return;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) out.add(where + " has unknown key '" + k + "'");
        });
    }

    /** A function-tool definition: {type: function, function: {name, description?, parameters? (an object schema)}}. */
    static void tool(JsonNode t, String where, List<String> out) {
        keys(t, where, Set.of("type", "function"), out);
        if (t == null || !t.isObject()) return;
        if (!"function".equals(t.path("type").asText(null))) out.add(where + ".type must be \"function\"");
        JsonNode f = t.get("function");
        keys(f, where + ".function", Set.of("name", "description", "parameters", "strict"), out);
        if (f == null || !f.isObject()) return;
        if (!f.path("name").isTextual() || !f.path("name").asText().matches("[a-zA-Z0-9_-]{1,64}")) out.add(where + ".function.name is missing or not a valid name");
        if (f.has("parameters") && !(f.get("parameters").isObject() && "object".equals(f.get("parameters").path("type").asText(null)))) {
            out.add(where + ".function.parameters must be a JSON Schema object with type \"object\"");
        }
    }
}
