package covert.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.Models;
import covert.model.StopReason;
import covert.model.ToolSpec;
import covert.testing.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** openai-compatible/ over Chat Completions against a vLLM/DeepSeek-style server that returns reasoning_content. */
class ChatCompletionsWireTest {
    static final ToolSpec READ = new ToolSpec("read_file", "Read a file.",
            Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path")));

    // Shapes as the OpenAI API reference and the SDK's ChatCompletion model define them, plus vLLM's reasoning_content.
    static final String TURN_1 = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1735689600,"model":"qwen3-8b",
             "choices":[{"index":0,"logprobs":null,"finish_reason":"tool_calls",
               "message":{"role":"assistant","content":null,"reasoning_content":"I should look at the tests first.",
                 "tool_calls":[{"id":"call_a1","type":"function","function":{"name":"read_file","arguments":"{\\"path\\":\\"tests/test_rounding.py\\"}"}}]}}],
             "usage":{"prompt_tokens":120,"completion_tokens":40,"total_tokens":160,
               "prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":30}}}""";
    static final String TURN_2 = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1735689601,"model":"qwen3-8b",
             "choices":[{"index":0,"logprobs":null,"finish_reason":"stop",
               "message":{"role":"assistant","content":"The tests contradict each other.","reasoning":"Both expect different values."}}],
             "usage":{"prompt_tokens":200,"completion_tokens":20,"total_tokens":220}}""";

    final MockWebServer server = Wire.server();

    @AfterEach
    void stop() {
        server.close();
    }

    Model model(Map<String, String> args) {
        return Models.create("openai-compatible/qwen3-8b", Wire.context(server.url("/v1").toString(), args));
    }

    @Test
    void twoTurnToolEpisodeCapturesReasoningAndSendsTheToolResultBack() throws Exception {
        server.enqueue(Wire.ok(TURN_1));
        server.enqueue(Wire.ok(TURN_2));
        var m = model(Map.of());
        var messages = new ArrayList<Message>(List.of(new Message.SystemMessage("You are an agent."), new Message.UserMessage("Fix CI.")));

        var first = m.generate(messages, List.of(READ), GenerateConfig.DEFAULT.withSeed(7));
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_CALLS);
        assertThat(first.message().reasoning()).isEqualTo("I should look at the tests first.");
        assertThat(first.message().toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_a1");
            assertThat(c.arguments()).containsEntry("path", "tests/test_rounding.py");
        });
        assertThat(first.usage().inputTokens()).isEqualTo(20);
        assertThat(first.usage().inputTokensCacheRead()).isEqualTo(100);
        assertThat(first.usage().reasoningTokens()).isEqualTo(30);
        assertThat(first.usage().totalTokens()).isEqualTo(160);

        messages.add(first.message());
        messages.add(new Message.ToolMessage("def test_half_cent(): ...", "call_a1", "read_file", null));
        var second = m.generate(messages, List.of(READ), GenerateConfig.DEFAULT.withSeed(7));
        assertThat(second.message().text()).isEqualTo("The tests contradict each other.");
        assertThat(second.message().content()).first().isInstanceOf(Content.Reasoning.class);
        assertThat(second.message().reasoning()).isEqualTo("Both expect different values.");

        var r1 = Wire.take(server);
        assertThat(r1.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(r1.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.key());
        var b1 = Wire.body(r1);
        assertThat(b1.path("model").asText()).isEqualTo("qwen3-8b");
        assertThat(b1.path("seed").asLong()).isEqualTo(7);
        assertThat(b1.path("tools").get(0).path("function").path("name").asText()).isEqualTo("read_file");
        assertThat(b1.path("tools").get(0).path("function").path("parameters").path("required").get(0).asText()).isEqualTo("path");

        var b2 = Wire.body(Wire.take(server));
        var sent = b2.path("messages");
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(sent.get(2).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_a1");
        assertThat(sent.get(2).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"path\":\"tests/test_rounding.py\"}");
        assertThat(sent.get(2).has("reasoning_content")).as("DeepSeek rejects reasoning_content sent back").isFalse();
        assertThat(sent.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(sent.get(3).path("tool_call_id").asText()).isEqualTo("call_a1");
    }

    @Test
    void loopbackServersNeedNoKeyButRemoteOnesDo() {
        var noKey = new ModelContext(Map.of(), List.of(), server.url("/v1").toString(), "COVERT_UNSET_VARIABLE_X", null);
        assertThat(Models.create("openai-compatible/any", noKey).name()).isEqualTo("openai-compatible/any");
        var remote = new ModelContext(Map.of(), List.of(), "https://example.invalid/v1", "COVERT_UNSET_VARIABLE_X", null);
        assertThatThrownBy(() -> Models.create("openai-compatible/any", remote)).isInstanceOf(UserError.class)
                .hasMessage("no API key for openai-compatible/any: set COVERT_UNSET_VARIABLE_X");
        assertThatThrownBy(() -> Models.create("openai-compatible/any", ModelContext.empty())).isInstanceOf(UserError.class)
                .hasMessageContaining("needs --base-url");
        var openai = new ModelContext(Map.of(), List.of(), null, "COVERT_UNSET_VARIABLE_X", null);
        assertThatThrownBy(() -> Models.create("openai/gpt-4o", openai)).isInstanceOf(UserError.class)
                .hasMessage("no API key for openai/gpt-4o: set COVERT_UNSET_VARIABLE_X");
    }
}
