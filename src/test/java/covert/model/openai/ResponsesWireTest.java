package covert.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Models;
import covert.model.StopReason;
import covert.testing.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** openai/ reasoning models over the Responses API: summaries captured, encrypted reasoning sent back verbatim. */
class ResponsesWireTest {
    // The Response object as in the API reference (output items: reasoning, function_call, message).
    static final String TURN_1 = """
            {"id":"resp_1","object":"response","created_at":1735689600,"status":"completed","model":"o4-mini-2025-04-16",
             "incomplete_details":null,"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"store":false,
             "output":[
               {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"**Reading the tests**\\n\\nI need the test file."}],
                "encrypted_content":"gAAAAABo-ENCRYPTED-1"},
               {"type":"function_call","id":"fc_1","call_id":"call_r1","name":"read_file","arguments":"{\\"path\\":\\"tests/a.py\\"}","status":"completed"}],
             "usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":0},"output_tokens":80,
                      "output_tokens_details":{"reasoning_tokens":64},"total_tokens":130}}""";
    static final String TURN_2 = """
            {"id":"resp_2","object":"response","created_at":1735689601,"status":"completed","model":"o4-mini-2025-04-16",
             "incomplete_details":null,"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"store":false,
             "output":[
               {"type":"reasoning","id":"rs_2","summary":[],"encrypted_content":"gAAAAABo-ENCRYPTED-2"},
               {"type":"message","id":"msg_2","role":"assistant","status":"completed",
                "content":[{"type":"output_text","text":"The tests contradict each other.","annotations":[]}]}],
             "usage":{"input_tokens":300,"input_tokens_details":{"cached_tokens":256},"output_tokens":40,
                      "output_tokens_details":{"reasoning_tokens":20},"total_tokens":340}}""";

    final MockWebServer server = Wire.server();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reasoningItemsRoundTripWithTheirCiphertext() throws Exception {
        server.enqueue(Wire.ok(TURN_1));
        server.enqueue(Wire.ok(TURN_2));
        var m = Models.create("openai/o4-mini", Wire.context(server.url("/v1").toString(), Map.of("reasoning_effort", "high")));
        var messages = new ArrayList<Message>(List.of(new Message.SystemMessage("You are an agent."), new Message.UserMessage("Fix CI.")));

        var first = m.generate(messages, List.of(ChatCompletionsWireTest.READ), GenerateConfig.DEFAULT);
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_CALLS);
        var r = (Content.Reasoning) first.message().content().getFirst();
        assertThat(r.summary()).isEqualTo("**Reading the tests**\n\nI need the test file.");
        assertThat(r.reasoning()).isEqualTo(r.summary());
        assertThat(r.signature()).isEqualTo("gAAAAABo-ENCRYPTED-1");
        assertThat(r.internal()).isEqualTo("rs_1");
        assertThat(first.message().toolCalls().getFirst().id()).isEqualTo("call_r1");
        assertThat(first.usage().reasoningTokens()).isEqualTo(64);

        messages.add(first.message());
        messages.add(new Message.ToolMessage("assert x == 1", "call_r1", "read_file", null));
        var second = m.generate(messages, List.of(ChatCompletionsWireTest.READ), GenerateConfig.DEFAULT);
        assertThat(second.message().text()).isEqualTo("The tests contradict each other.");
        var hidden = (Content.Reasoning) second.message().content().getFirst();
        assertThat(hidden.redacted()).as("no summary: only ciphertext").isTrue();
        assertThat(second.usage().inputTokens()).isEqualTo(44);
        assertThat(second.usage().inputTokensCacheRead()).isEqualTo(256);

        var b1 = Wire.body(Wire.take(server));
        assertThat(b1.path("store").asBoolean(true)).isFalse();
        assertThat(b1.path("include").get(0).asText()).isEqualTo("reasoning.encrypted_content");
        assertThat(b1.path("reasoning").path("effort").asText()).isEqualTo("high");
        assertThat(b1.path("reasoning").path("summary").asText()).isEqualTo("auto");
        assertThat(b1.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(b1.path("input").get(0).path("role").asText()).isEqualTo("developer");

        var req2 = Wire.take(server);
        assertThat(req2.getTarget()).isEqualTo("/v1/responses");
        var input = Wire.body(req2).path("input");
        assertThat(input).hasSize(5);
        var reasoning = input.get(2);
        assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.path("id").asText()).isEqualTo("rs_1");
        assertThat(reasoning.path("encrypted_content").asText()).isEqualTo("gAAAAABo-ENCRYPTED-1");
        assertThat(reasoning.path("summary").get(0).path("text").asText()).isEqualTo("**Reading the tests**");
        assertThat(input.get(3).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(3).path("call_id").asText()).isEqualTo("call_r1");
        assertThat(input.get(4).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(4).path("output").asText()).isEqualTo("assert x == 1");
    }

    @Test
    void chatModelsUseChatCompletionsUnlessAsked() throws Exception {
        server.enqueue(Wire.ok(ChatCompletionsWireTest.TURN_2));
        var m = Models.create("openai/gpt-4o", Wire.context(server.url("/v1").toString(), Map.of()));
        m.generate(List.of(new Message.UserMessage("hi")), List.of(), new GenerateConfig(null, 100, null, null));
        var req = Wire.take(server);
        assertThat(req.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(Wire.body(req).path("max_completion_tokens").asInt()).isEqualTo(100);
    }
}
