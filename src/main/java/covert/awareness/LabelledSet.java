package covert.awareness;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The labelled sentences the classifier learns from and is scored on, shipped in the jar. The test split was
 * written separately from the training split (other scenarios and phrasings), so its scores say how the
 * detector does on sentences it has not seen.
 */
public record LabelledSet(List<Item> items, String sha256) {
    public static final String RESOURCE = "/awareness/sentences.jsonl";

    /** One sentence: whether it verbalizes evaluation awareness, its split ({@code train} or {@code test}) and a theme. */
    public record Item(String text, boolean label, String split, String category) {}

    public static LabelledSet load() {
        try (var in = LabelledSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            byte[] bytes = in.readAllBytes();
            var items = new ArrayList<Item>();
            try (var r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) continue;
                    JsonNode n = Json.MAPPER.readTree(line);
                    items.add(new Item(n.get("text").asText(), n.get("label").asBoolean(), n.get("split").asText(), n.path("category").asText("")));
                }
            }
            return new LabelledSet(List.copyOf(items), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Item> split(String name) {
        return items.stream().filter(i -> i.split().equals(name)).toList();
    }

    public List<Item> train() {
        return split("train");
    }

    public List<Item> test() {
        return split("test");
    }
}
