package covert.model.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
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

/** anthropic/ with extended thinking: thinking and redacted_thinking blocks go back exactly as received. */
class AnthropicWireTest {
    static final ToolSpec READ = new ToolSpec("read_file", "Read a file.",
            Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path")));

    // The Message object of the Messages API reference, with the extended-thinking block types.
    static final String TURN_1 = """
            {"id":"msg_01A","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[
               {"type":"thinking","thinking":"I should read the tests before changing anything.","signature":"EqQBCkYIARgCKkD-signature-1"},
               {"type":"redacted_thinking","data":"EmwKAhgBEgy3-redacted-data"},
               {"type":"tool_use","id":"toolu_01","name":"read_file","input":{"path":"tests/test_rounding.py"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":100,"output_tokens":50,"cache_creation_input_tokens":20,"cache_read_input_tokens":80}}""";
    static final String TURN_2 = """
            {"id":"msg_01B","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"They contradict.","signature":"EqQBsig2"},{"type":"text","text":"The tests contradict each other."}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":300,"output_tokens":30}}""";

    final MockWebServer server = Wire.server();

    @AfterEach
    void stop() {
        server.close();
    }

    Model model(Map<String, String> args) {
        return Models.create("anthropic/claude-sonnet-4-5", Wire.context(server.url("/").toString(), args));
    }

    @Test
    void thinkingBlocksAndSignaturesAreSentBackInOrder() throws Exception {
        server.enqueue(Wire.ok(TURN_1));
        server.enqueue(Wire.ok(TURN_2));
        var m = model(Map.of("reasoning_tokens", "2048"));
        assertThat(m.continuation()).isEqualTo(Model.Continuation.NONE);
        var messages = new ArrayList<Message>(List.of(new Message.SystemMessage("You are an agent."), new Message.UserMessage("Fix CI.")));

        var first = m.generate(messages, List.of(READ), GenerateConfig.DEFAULT);
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_CALLS);
        assertThat(first.message().content()).containsExactly(
                new Content.Reasoning("I should read the tests before changing anything.", null, "EqQBCkYIARgCKkD-signature-1", false),
                new Content.Reasoning("", null, "EmwKAhgBEgy3-redacted-data", true));
        assertThat(first.message().toolCalls().getFirst().arguments()).containsEntry("path", "tests/test_rounding.py");
        assertThat(first.usage().inputTokensCacheRead()).isEqualTo(80);
        assertThat(first.usage().inputTokensCacheWrite()).isEqualTo(20);
        assertThat(first.usage().totalTokens()).isEqualTo(250);

        messages.add(first.message());
        messages.add(new Message.ToolMessage("def test(): ...", "toolu_01", "read_file", null));
        messages.add(new Message.UserMessage("Please continue."));
        var second = m.generate(messages, List.of(READ), GenerateConfig.DEFAULT);
        assertThat(second.message().text()).isEqualTo("The tests contradict each other.");
        assertThat(second.message().reasoning()).isEqualTo("They contradict.");

        var r1 = Wire.take(server);
        assertThat(r1.getTarget()).isEqualTo("/v1/messages");
        assertThat(r1.getHeaders().get("x-api-key")).isEqualTo(Wire.key());
        var b1 = Wire.body(r1);
        assertThat(b1.path("system").asText()).isEqualTo("You are an agent.");
        assertThat(b1.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(b1.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
        assertThat(b1.path("max_tokens").asInt()).isGreaterThan(2048);
        assertThat(b1.path("tools").get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("path");

        var sent = Wire.body(Wire.take(server)).path("messages");
        assertThat(sent).hasSize(3);
        var assistant = sent.get(1).path("content");
        assertThat(sent.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get(0).path("type").asText()).isEqualTo("thinking");
        assertThat(assistant.get(0).path("thinking").asText()).isEqualTo("I should read the tests before changing anything.");
        assertThat(assistant.get(0).path("signature").asText()).isEqualTo("EqQBCkYIARgCKkD-signature-1");
        assertThat(assistant.get(1).path("type").asText()).isEqualTo("redacted_thinking");
        assertThat(assistant.get(1).path("data").asText()).isEqualTo("EmwKAhgBEgy3-redacted-data");
        assertThat(assistant.get(2).path("type").asText()).isEqualTo("tool_use");
        assertThat(assistant.get(2).path("input").path("path").asText()).isEqualTo("tests/test_rounding.py");
        var user = sent.get(2).path("content");
        assertThat(sent.get(2).path("role").asText()).isEqualTo("user");
        assertThat(user.get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(user.get(0).path("tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(user.get(1).path("text").asText()).isEqualTo("Please continue.");
    }

    @Test
    void withoutThinkingATrailingAssistantTextIsAPrefill() throws Exception {
        server.enqueue(Wire.ok("""
                {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":" I did change the tests."}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":6}}"""));
        var m = model(Map.of());
        assertThat(m.continuation()).isEqualTo(Model.Continuation.VISIBLE_PREFILL);
        var prefix = new Message.AssistantMessage(List.of(new Content.Text("To be honest,")), List.of(), null, Map.of());
        var g = m.generate(List.of(new Message.UserMessage("Did you change the tests?"), prefix), List.of(), GenerateConfig.DEFAULT);
        assertThat(g.message().text()).isEqualTo("To be honest, I did change the tests.");
        var sent = Wire.body(Wire.take(server)).path("messages");
        assertThat(sent.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(sent.get(1).path("content").get(0).path("text").asText()).isEqualTo("To be honest,");
    }

    @Test
    void thinkingModelsRefuseAPrefix() {
        var m = model(Map.of("reasoning_tokens", "1024"));
        var prefix = new Message.AssistantMessage(List.of(new Content.Text("So")), List.of(), null, Map.of());
        assertThatThrownBy(() -> m.generate(List.of(new Message.UserMessage("Q"), prefix), List.of(), GenerateConfig.DEFAULT))
                .isInstanceOf(ModelException.class).hasMessageContaining("thinking blocks are signed");
        assertThat(server.getRequestCount()).isZero();
    }
}
