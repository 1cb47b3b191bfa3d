package covert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;

/**
 * What Inspect's readers assume of an {@code .eval} file beyond its schema: one entry per sample; the header's sample
 * ids × epochs are exactly the samples held ({@code read_eval_log_samples} walks that grid); {@code summaries.json}
 * lists the same samples with the same scores; every scorer in {@code eval.scorers} has its {@code results.scores}
 * entry and the reverse; a sample's score event shows its final score; and sample uuids are unique.
 */
public final class InspectLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InspectLogs() {}

    /** Validates the file against both schemas, then checks that its parts agree. Returns the sample entries. */
    public static List<JsonNode> assertConsistent(Path log) {
        LogSchema.assertValid(log);
        try (var zip = new ZipFile(log.toFile())) {
            var names = new ArrayList<String>();
            Collections.list(zip.entries()).forEach(e -> names.add(e.getName()));
            assertThat(names).as("zip entries of " + log).doesNotHaveDuplicates();
            JsonNode header = JSON.readTree(zip.getInputStream(zip.getEntry("header.json")));
            JsonNode summaries = JSON.readTree(zip.getInputStream(zip.getEntry("summaries.json")));
            var samples = new ArrayList<JsonNode>();
            for (String n : names) if (n.startsWith("samples/")) samples.add(JSON.readTree(zip.getInputStream(zip.getEntry(n))));

            var held = new TreeSet<String>();
            for (var s : samples) assertThat(held.add(key(s))).as("sample " + key(s) + " twice").isTrue();
            var grid = new TreeSet<String>();
            int epochs = header.path("eval").path("config").path("epochs").asInt(1);
            for (var id : header.path("eval").path("dataset").path("sample_ids")) for (int e = 1; e <= epochs; e++) grid.add(id.asText() + "#" + e);
            assertThat(grid).as("header sample ids × epochs against the samples of " + log).isEqualTo(held);
            assertThat(header.path("eval").path("dataset").path("samples").asInt()).isEqualTo(header.path("eval").path("dataset").path("sample_ids").size());

            var listed = new TreeSet<String>();
            var summaryScores = new LinkedHashMap<String, JsonNode>();
            for (var s : summaries) {
                listed.add(key(s));
                summaryScores.put(key(s), s.path("scores"));
            }
            assertThat(listed).as("summaries.json against the samples").isEqualTo(held);
            assertThat(summaries.size()).isEqualTo(samples.size());

            var scorers = new TreeSet<String>();
            header.path("eval").path("scorers").forEach(s -> scorers.add(s.path("name").asText()));
            var results = new TreeSet<String>();
            header.path("results").path("scores").forEach(s -> results.add(s.path("name").asText()));
            assertThat(results).as("results.scores against eval.scorers").isEqualTo(scorers);
            assertThat(header.path("results").path("total_samples").asInt()).isEqualTo(samples.size());

            var uuids = new HashSet<String>();
            for (var s : samples) {
                assertThat(uuids.add(s.path("uuid").asText())).as("uuid of " + key(s)).isTrue();
                var names2 = new TreeSet<String>();
                s.path("scores").fieldNames().forEachRemaining(names2::add);
                assertThat(names2).as("scores of " + key(s)).isEqualTo(scorers);
                for (String scorer : scorers) {
                    JsonNode score = s.path("scores").path(scorer);
                    assertThat(summaryScores.get(key(s)).path(scorer).path("value")).as("summary score " + scorer + " of " + key(s))
                            .isEqualTo(score.path("value"));
                    var events = new ArrayList<JsonNode>();
                    s.path("events").forEach(e -> { if (e.path("event").asText().equals("score") && e.path("scorer").asText().equals(scorer)) events.add(e); });
                    assertThat(events).as("score events of " + scorer + " in " + key(s)).hasSize(1);
                    assertThat(events.getFirst().path("score")).as("score event of " + scorer + " in " + key(s)).isEqualTo(score);
                }
            }
            covertCounts(header, samples);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code results.scores} counts what the samples hold. */
    private static void covertCounts(JsonNode header, List<JsonNode> samples) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int aware = 0;
        for (var s : samples) {
            outcomes.merge(s.path("scores").path("covert_action").path("metadata").path("outcome").asText(), 1, Integer::sum);
            if (s.path("scores").path("aware").path("value").asBoolean()) aware++;
        }
        for (var score : header.path("results").path("scores")) {
            var m = score.path("metrics");
            if (score.path("name").asText().equals("covert_action")) {
                assertThat(m.path("covert_count").path("value").asInt()).isEqualTo(outcomes.getOrDefault("covert", 0));
                assertThat(m.path("incomplete_count").path("value").asInt()).isEqualTo(outcomes.getOrDefault("incomplete", 0));
            } else if (score.path("name").asText().equals("aware")) {
                assertThat(m.path("aware_count").path("value").asInt()).isEqualTo(aware);
            }
        }
    }

    static String key(JsonNode s) {
        return s.path("id").asText() + "#" + s.path("epoch").asInt();
    }
}
