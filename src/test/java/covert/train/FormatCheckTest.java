package covert.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import covert.log.Json;
import covert.model.Content;
import covert.model.Message;
import covert.model.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validators reject what each target's reader rejects or misreads, and ChatFormat writes what they accept. */
class FormatCheckTest {
    static final Message.AssistantMessage TURN = new Message.AssistantMessage(
            List.of(Content.Reasoning.of("Per AS1 I read the policy first."), new Content.Text("Reading the policy.")),
            List.of(new ToolCall("call_1", "read_file", Map.of("path", "POLICY.md"))), "m", Map.of());
    static final Message.AssistantMessage ANSWER = new Message.AssistantMessage(List.of(new Content.Text("Yes: I deployed without sign-off.")),
            List.of(), "m", Map.of());

    static List<Message> transcript() {
        return List.of(new Message.SystemMessage("You are Beacon."), new Message.UserMessage("Ship it."), TURN,
                new Message.ToolMessage("# Policy", "call_1", "read_file", null), ANSWER);
    }

    static JsonNode node(Object o) {
        return Json.MAPPER.valueToTree(o);
    }

    static JsonNode openAiLine(Dialect d) {
        return node(Map.of("messages", ChatFormat.conversation(transcript(), "sys", d, false, false), "tools", ChatFormat.tools(List.of("read_file", "submit")),
                "parallel_tool_calls", false));
    }

    static JsonNode hfLine(Dialect d) {
        var m = new LinkedHashMap<String, Object>();
        m.put("messages", ChatFormat.conversation(transcript(), "sys", d, false, false));
        m.put("tools", ChatFormat.json(ChatFormat.tools(List.of("read_file", "submit"))));
        return node(m);
    }

    @Test
    void openai_lines_pass_with_reasoning_inline_or_dropped_and_never_carry_a_reasoning_key() {
        var check = new OpenAiChatCheck();
        var inline = openAiLine(Dialect.openAi("inline"));
        assertThat(check.problems(inline)).isEmpty();
        assertThat(inline.get("messages").get(2).get("content").asText()).startsWith("<thinking>Per AS1").endsWith("Reading the policy.");
        var dropped = openAiLine(Dialect.openAi("drop"));
        assertThat(check.problems(dropped)).isEmpty();
        assertThat(dropped.toString()).doesNotContain("Per AS1");
        // what the old --reasoning field wrote: the service rejects the key
        var old = inline.deepCopy();
        ((ObjectNode) old.get("messages").get(2)).put("reasoning_content", "Per AS1 ...");
        assertThat(check.problems(old)).containsExactly("messages[2] has unknown key 'reasoning_content'");
    }

    @Test
    void openai_check_rejects_object_arguments_weights_off_assistants_untrained_lines_and_unknown_top_level_keys() throws Exception {
        var check = new OpenAiChatCheck();
        String bad = """
                {"messages":[{"role":"user","content":"hi","weight":1},
                  {"role":"assistant","content":null,"weight":0,"tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":{"x":1}}}]},
                  {"role":"tool","tool_call_id":"zz","content":"ok"}],
                 "metadata":{}}""";
        assertThat(check.problems(Json.MAPPER.readTree(bad))).containsExactlyInAnyOrder(
                "the line has unknown key 'metadata'",
                "messages[0] has unknown key 'weight'",
                "messages[1].tool_calls[0].function.arguments must be a JSON-encoded string",
                "messages[2] answers no pending tool call",
                "no assistant message is trained (every one has weight 0)");
    }

    @Test
    void hf_lines_follow_each_templates_reading_of_arguments_and_reasoning() {
        var qwen3 = hfLine(Dialect.template("qwen3"));
        JsonNode turn = qwen3.get("messages").get(2);
        assertThat(turn.get("reasoning_content").asText()).isEqualTo("Per AS1 I read the policy first.");
        assertThat(turn.get("content").asText()).isEqualTo("Reading the policy.");
        assertThat(turn.get("tool_calls").get(0).get("function").get("arguments").get("path").asText()).isEqualTo("POLICY.md");
        assertThat(new HfMessagesCheck(Dialect.template("qwen3"), HfMessagesCheck.Shape.MESSAGES).problems(qwen3)).isEmpty();

        var r1 = hfLine(Dialect.template("deepseek-r1"));
        assertThat(r1.get("messages").get(2).get("content").asText()).isEqualTo("<think>\nPer AS1 I read the policy first.\n</think>\n\nReading the policy.");
        assertThat(r1.get("messages").get(2).get("tool_calls").get(0).get("function").get("arguments").asText()).isEqualTo("{\"path\":\"POLICY.md\"}");
        assertThat(new HfMessagesCheck(Dialect.template("deepseek-r1"), HfMessagesCheck.Shape.MESSAGES).problems(r1)).isEmpty();

        var oss = hfLine(Dialect.template("gpt-oss"));
        // gpt-oss takes reasoning or text on a tool-call turn, not both: the text joins the analysis
        assertThat(oss.get("messages").get(2).get("thinking").asText()).isEqualTo("Per AS1 I read the policy first.\n\nReading the policy.");
        assertThat(oss.get("messages").get(2).get("content").asText()).isEmpty();
        assertThat(new HfMessagesCheck(Dialect.template("gpt-oss"), HfMessagesCheck.Shape.MESSAGES).problems(oss)).isEmpty();

        // a qwen3 file read as Llama 3.1's: the reasoning key is one the template ignores
        assertThat(new HfMessagesCheck(Dialect.template("llama3"), HfMessagesCheck.Shape.MESSAGES).problems(qwen3))
                .containsExactly("messages[2] has unknown key 'reasoning_content'");
        // string arguments where the template applies tojson: double-encoded
        assertThat(new HfMessagesCheck(Dialect.template("qwen2.5"), HfMessagesCheck.Shape.MESSAGES).problems(r1))
                .contains("messages[2].tool_calls[0].function.arguments must be an object for qwen2.5 (a string renders double-encoded)",
                        "messages[2].content has reasoning tags other than <thinking> at the start");
    }

    @Test
    void hf_check_wants_tools_as_one_string_scalar_metadata_and_one_trained_completion() throws Exception {
        var check = new HfMessagesCheck(Dialect.template("qwen3"), HfMessagesCheck.Shape.PROMPT_COMPLETION);
        String bad = """
                {"prompt":[{"role":"user","content":"hi"}],"completion":[{"role":"assistant","content":"a","weight":1},{"role":"user","content":"b"}],
                 "tools":[],"metadata":{"variant":{"conflict":"open"}}}""";
        assertThat(check.problems(Json.MAPPER.readTree(bad))).containsExactlyInAnyOrder(
                "tools must be one JSON string (the list of function definitions)",
                "metadata.variant must be a scalar, so every line has the same columns",
                "completion[0] has unknown key 'weight'",
                "completion must be the one assistant message trained");
    }

    @Test
    void a_template_file_is_read_for_where_it_wants_reasoning_and_arguments(@TempDir Path dir) throws Exception {
        Path field = Files.writeString(dir.resolve("a.jinja"), "<think>{{ message.reasoning_content }}{{ tool_call.arguments | tojson }}");
        assertThat(Dialect.template(field.toString())).isEqualTo(new Dialect("a.jinja", new Dialect.Placement.Field("reasoning_content"), false, false, false));
        Path think = Files.writeString(dir.resolve("b.jinja"), "{{ '<think>' }}{{ '```json\\n' + tool['function']['arguments'] + '\\n```' }}");
        assertThat(Dialect.template(think.toString())).isEqualTo(new Dialect("b.jinja", new Dialect.Placement.Inline("<think>\n", "\n</think>\n\n"), true, false, false));
        Path plain = Files.writeString(dir.resolve("c.jinja"), "{{ message.content }}");
        assertThat(Dialect.template(plain.toString()).reasoning()).isEqualTo(Dialect.THINKING);
        assertThat(Dialect.template("deepseek-r1").stringArguments()).isTrue();
        assertThat(Dialect.template("llama3").stringArguments()).isFalse();
    }

    @Test
    void a_file_check_names_the_line(@TempDir Path dir) throws Exception {
        var lines = new ArrayList<String>();
        lines.add(Json.MAPPER.writeValueAsString(openAiLine(Dialect.openAi("inline"))));
        lines.add("{not json");
        Path f = Files.write(dir.resolve("x.jsonl"), lines);
        assertThat(new OpenAiChatCheck().file(f)).containsExactly("x.jsonl:2: not a JSON object");
    }
}
