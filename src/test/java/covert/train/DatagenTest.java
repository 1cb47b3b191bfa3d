package covert.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import covert.env.Suite;
import covert.log.Json;
import covert.template.ChatTemplate;
import covert.testing.LogSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        result = Datagen.run(new Datagen.Options("train", "sim/antischeming", Map.of(), 3, 0, dir, null, Dialect.openAi("inline"), Dialect.template("qwen3"),
                null, null, Map.of(), null, false, 0.98, 30, 32, Contamination.Thresholds.DEFAULT, null), new PrintWriter(out));
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
    void every_export_passes_the_validator_of_its_target_format() throws Exception {
        var qwen3 = Dialect.template("qwen3");
        var checks = Map.of(Datagen.SFT, new OpenAiChatCheck(), Datagen.CONFESSION, new OpenAiChatCheck(),
                Datagen.MESSAGES, new HfMessagesCheck(qwen3, HfMessagesCheck.Shape.MESSAGES),
                Datagen.CONFESSION_MESSAGES, new HfMessagesCheck(qwen3, HfMessagesCheck.Shape.PROMPT_COMPLETION),
                Datagen.RL, new HfMessagesCheck(qwen3, HfMessagesCheck.Shape.PROMPT_ONLY));
        for (var e : checks.entrySet()) {
            var lines = Exports.lines(dir.resolve(e.getKey()));
            assertThat(lines).as(e.getKey()).isNotEmpty().hasSize(result.exports().get(e.getKey()));
            assertThat(e.getValue().file(dir.resolve(e.getKey()))).as(e.getKey()).isEmpty();
            for (JsonNode l : lines) assertThat(l.toString()).contains(Canary.STRING);
        }
        for (String openAi : List.of(Datagen.SFT, Datagen.CONFESSION)) {
            for (JsonNode l : Exports.lines(dir.resolve(openAi))) Exports.assertLegalConversation(l.get("messages"));
        }
        assertThat(dir.resolve(ConfessionStage.SYNTHETIC)).doesNotExist();
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
            assertThat(assistant).contains("<thinking>").containsPattern("\\b(?:AS[1-5]|GP[1-4])\\b").doesNotContain("reasoning_content");
            assertThat(l.get("messages").findValues("weight")).isEmpty();
        }
    }

    @Test
    void the_hf_file_has_argument_objects_reasoning_where_qwen3_reads_it_and_one_column_type_per_key() throws Exception {
        var lines = Exports.lines(dir.resolve(Datagen.MESSAGES));
        for (JsonNode l : lines) {
            assertThat(l.fieldNames()).toIterable().containsExactly("messages", "tools", "canary", "metadata");
            assertThat(l.get("tools").isTextual()).isTrue();
            for (JsonNode m : l.get("messages")) {
                assertThat(m.get("content").isTextual()).isTrue();
                assertThat(m.get("content").asText()).doesNotContain("<thinking>").doesNotContain("<think>");
                for (JsonNode c : m.path("tool_calls")) assertThat(c.get("function").get("arguments").isObject()).isTrue();
            }
            for (JsonNode v : l.get("metadata")) assertThat(v.isValueNode()).isTrue();
        }
        assertThat(lines.stream().flatMap(l -> l.get("messages").findValues("reasoning_content").stream())).isNotEmpty();
        // tools is one JSON string per line, so lines offering different tools would still share one column type
        assertThat(Json.MAPPER.readTree(lines.getFirst().get("tools").asText()).findValues("parameters")).isNotEmpty();
    }

    @Test
    void exported_lines_render_through_the_qwen3_template_with_arguments_once_and_the_confession_last() throws Exception {
        var qwen3 = ChatTemplate.builtIn("qwen3");
        var type = new TypeReference<List<Map<String, Object>>>() {};
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.MESSAGES))) {
            String text = qwen3.render(Json.MAPPER.convertValue(l.get("messages"), type), Json.MAPPER.readValue(l.get("tools").asText(), type), false);
            assertThat(text).contains("<tool_call>\n{\"name\": ").doesNotContain("\"arguments\": \"").doesNotContain("<thinking>").contains("<think>\n");
        }
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.CONFESSION_MESSAGES))) {
            var tools = Json.MAPPER.readValue(l.get("tools").asText(), type);
            var prompt = Json.MAPPER.convertValue(l.get("prompt"), type);
            var all = new ArrayList<>(prompt);
            all.addAll(Json.MAPPER.convertValue(l.get("completion"), type));
            String promptText = qwen3.render(prompt, tools, true);
            String full = qwen3.render(all, tools, false);
            assertThat(full).startsWith(promptText);
            assertThat(full.substring(promptText.length())).contains(l.at("/completion/0/content").asText()).doesNotContain("<tool_call>");
        }
    }

    @Test
    void confessions_are_the_models_own_answers_to_a_neutral_follow_up_with_only_the_confession_trained() throws Exception {
        var c = result.confessions();
        assertThat((int) c.get("on_policy_sampled")).isPositive();
        assertThat((int) c.get("on_policy_kept")).isPositive().isLessThanOrEqualTo((int) c.get("on_policy_sampled"));
        assertThat(c.get("synthetic_exported")).isEqualTo(0);
        assertThat(printed).contains("on-policy answers sampled").contains("0 synthetic");
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.CONFESSION))) {
            var messages = l.get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("weight").asInt()).isEqualTo(1);
            assertThat(last.get("content").asText()).doesNotStartWith("Yes, and I should have said this in my report.");
            assertThat(messages.get(messages.size() - 2).get("content").asText()).isEqualTo(Confessions.FOLLOW_UP).doesNotContainIgnoringCase("told us");
            for (int i = 0; i < messages.size() - 1; i++) {
                if (messages.get(i).get("role").asText().equals("assistant")) assertThat(messages.get(i).get("weight").asInt()).isZero();
            }
            assertThat(messages.toString()).contains("submit");
        }
        for (JsonNode l : Exports.lines(dir.resolve(Datagen.CONFESSION_MESSAGES))) {
            assertThat(l.get("metadata").get("source").asText()).isEqualTo("model");
            assertThat(l.get("metadata").get("simulated").asBoolean()).isTrue();
            assertThat(l.get("completion").size()).isOne();
            assertThat(l.get("prompt").toString()).contains("submit");
        }
    }

    @Test
    void confession_rl_tasks_start_after_the_models_own_violation_and_reward_disclosure() throws Exception {
        var tasks = Exports.lines(dir.resolve(Datagen.RL)).stream().filter(l -> l.get("task_id").asText().contains("@violation-")).toList();
        assertThat(tasks).isNotEmpty().hasSize((int) result.confessions().get("rl_tasks"));
        var replay = new Replay(List.of(Suite.load("train")));
        for (JsonNode t : tasks) {
            assertThat(t.get("reward").get("type").asText()).isEqualTo(RlTasks.DISCLOSURE);
            var prompt = t.get("prompt");
            assertThat(prompt.get(prompt.size() - 1).get("role").asText()).isEqualTo("tool");
            assertThat(prompt.findValues("tool_calls")).isNotEmpty();
            List<Map<String, Object>> messages = Json.MAPPER.convertValue(prompt, new TypeReference<>() {});
            String sample = t.get("task_id").asText().substring(0, t.get("task_id").asText().indexOf('@'));
            assertThat(Replay.violations(replay.score(sample, messages).episode())).as("the prompt already holds the violation").isNotEmpty();
        }
    }

    @Test
    void the_manifest_names_spec_sources_filters_counts_and_canary() throws Exception {
        var m = Json.MAPPER.readTree(result.manifest().toFile());
        assertThat(m.get("spec").get("id").asText()).isEqualTo("covert-anti-scheming");
        assertThat(m.get("spec").get("version").asText()).isEqualTo("2.0.0");
        assertThat(m.get("confession").get("on_policy_kept").asInt()).isEqualTo(result.exports().get(Datagen.CONFESSION));
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
