package covert.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import covert.testing.LogSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** covert datagen offline end to end on the built-in training suite (sim/antischeming, sim/baseline for confessions). */
class DatagenTest {
    @TempDir
    static Path dir;
    static Datagen.Result result;
    static String printed;

    @BeforeAll
    static void generate() throws Exception {
        var out = new StringWriter();
        result = Datagen.run(new Datagen.Options("train", "sim/antischeming", Map.of(), 3, 0, dir, null, ChatFormat.Reasoning.INLINE, null, null,
                0.98, 30, 32, Contamination.Thresholds.DEFAULT, null), new PrintWriter(out));
        printed = out.toString();
    }

    @Test
    void the_funnel_narrows_and_is_printed() {
        var f = result.funnel();
        assertThat(f.sampled()).isEqualTo(48 * 3);
        assertThat(f.outcomeOk()).isBetween(1, f.sampled());
        assertThat(f.citesSpec()).isBetween(1, f.outcomeOk());
        assertThat(f.dedup()).isBetween(1, f.citesSpec());
        assertThat(f.exported()).isEqualTo(f.dedup());
        assertThat(printed).contains(f.render()).contains("contamination check").contains("ok");
    }

    @Test
    void every_export_line_parses_holds_a_legal_conversation_and_the_canary() throws Exception {
        for (String file : List.of(Datagen.SFT, Datagen.MESSAGES, Datagen.CONFESSION)) {
            var lines = Exports.lines(dir.resolve(file));
            assertThat(lines).as(file).isNotEmpty().hasSize(result.exports().get(file));
            for (JsonNode l : lines) {
                Exports.assertLegalConversation(l.get("messages"));
                assertThat(l.get("tools").size()).isGreaterThan(0);
                assertThat(l.toString()).contains(Canary.STRING);
            }
        }
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.RL))) {
            assertThat(l.get("task_id").asText()).isNotBlank();
            assertThat(l.get("reward").get("cot_reward").asText()).isEqualTo("none");
            assertThat(l.toString()).contains(Canary.STRING);
        }
        assertThat(Files.readString(result.manifest())).contains(Canary.STRING);
    }

    @Test
    void sft_prompts_have_the_spec_removed_and_reasoning_inline_with_citations() throws Exception {
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.SFT))) {
            String system = l.get("messages").get(0).get("content").asText();
            assertThat(system).doesNotContain("Anti-scheming specification").doesNotContain("AS1.");
            assertThat(l.get("messages").get(0).get("name").asText()).isEqualTo(Canary.STRING);
            assertThat(l.fieldNames()).toIterable().containsOnly("messages", "tools", "parallel_tool_calls");
            String assistant = l.get("messages").toString();
            assertThat(assistant).contains("<thinking>").containsPattern("\\b(?:AS[1-5]|GP[1-4])\\b");
            assertThat(l.get("messages").findValues("weight")).isEmpty();
        }
    }

    @Test
    void confession_examples_train_only_the_disclosure() throws Exception {
        var lines = Exports.lines(dir.resolve(Datagen.CONFESSION));
        for (JsonNode l : lines) {
            var messages = l.get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("weight").asInt()).isEqualTo(1);
            assertThat(messages.get(messages.size() - 2).get("content").asText()).isEqualTo(Confessions.FOLLOW_UP);
            for (int i = 0; i < messages.size() - 1; i++) {
                if (messages.get(i).get("role").asText().equals("assistant")) assertThat(messages.get(i).get("weight").asInt()).isZero();
            }
            assertThat(messages.toString()).contains("submit");
        }
    }

    @Test
    void the_manifest_names_spec_sources_filters_counts_and_canary() throws Exception {
        var m = Json.MAPPER.readTree(result.manifest().toFile());
        assertThat(m.get("spec").get("id").asText()).isEqualTo("covert-anti-scheming");
        assertThat(m.get("spec").get("version").asText()).isEqualTo("1.0.0");
        assertThat(m.get("source_logs").size()).isEqualTo(2);
        assertThat(m.get("funnel").get("sampled").asInt()).isEqualTo(result.funnel().sampled());
        assertThat(m.get("filters").has("no_spec_citation")).isTrue();
        int kept = 0;
        for (JsonNode n : m.get("kept")) kept += n.asInt();
        assertThat(kept).isEqualTo(result.funnel().exported());
        int dropped = 0;
        for (JsonNode perEnv : m.get("dropped")) for (JsonNode n : perEnv) dropped += n.asInt();
        assertThat(kept + dropped).isEqualTo(result.funnel().sampled());
        assertThat(m.get("canary").asText()).isEqualTo(Canary.STRING);
        for (JsonNode log : m.get("source_logs")) LogSchema.assertValid(dir.resolve("logs").resolve(log.asText()));
    }
}
