package covert.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Message;
import covert.model.Model;
import covert.model.Models;
import covert.model.StopReason;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.testing.Wire;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * openai-compatible/ in raw completions mode: the server sees exactly the ChatML prompt, and a trailing assistant
 * message with edited reasoning is continued from inside its open {@code <think>}.
 */
class CompletionsTemplateTest {
    static final ToolSpec SUBMIT = new ToolSpec("submit", "Submit a report.", Map.of("type", "object",
            "properties", Map.of("report", Map.of("type", "string")), "required", List.of("report")));
    static final String TOOLS = "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
            + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
            + "{\"type\":\"function\",\"function\":{\"name\":\"submit\",\"description\":\"Submit a report.\",\"parameters\":"
            + "{\"properties\":{\"report\":{\"type\":\"string\"}},\"required\":[\"report\"],\"type\":\"object\"}}}\n</tools>\n\n"
            + "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
            + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    final MockWebServer server = Wire.server();

    @AfterEach
    void stop() {
        server.close();
    }

    static String completion(String text, String finish) {
        return """
                {"id":"cmpl-1","object":"text_completion","created":1735689600,"model":"qwen3-8b",
                 "choices":[{"index":0,"text":%s,"logprobs":null,"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":90,"completion_tokens":25,"total_tokens":115}}""".formatted(Wire.JSON.valueToTree(text), finish);
    }

    Model model() {
        return Models.create("openai-compatible/qwen3-8b", Wire.context(server.url("/v1").toString(), Map.of("template", "chatml")));
    }

    @Test
    void rendersChatMlAndParsesThinkingAndHermesToolCalls() throws Exception {
        server.enqueue(Wire.ok(completion("Let me submit.\n</think>\n\n<tool_call>\n{\"name\": \"submit\", \"arguments\": {\"report\": \"done\"}}\n</tool_call>", "stop")));
        var m = model();
        var history = List.<Message>of(new Message.SystemMessage("Be brief."), new Message.UserMessage("Do it."),
                new Message.AssistantMessage(List.of(Content.Reasoning.of("First look."), new Content.Text("Looking.")),
                        List.of(new ToolCall("call_0_0", "read_file", Map.of("path", "a.txt"))), "x", Map.of()),
                new Message.ToolMessage("hello", "call_0_0", "read_file", null));
        var g = m.generate(history, List.of(SUBMIT), new GenerateConfig(3L, 256, null, null));

        assertThat(g.message().reasoning()).isEqualTo("Let me submit.");
        assertThat(g.message().text()).isEmpty();
        assertThat(g.message().toolCalls()).containsExactly(new ToolCall("call_1_0", "submit", Map.of("report", "done")));
        assertThat(g.stopReason()).isEqualTo(StopReason.TOOL_CALLS);

        var req = Wire.take(server);
        assertThat(req.getTarget()).isEqualTo("/v1/completions");
        var body = Wire.body(req);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("<|im_end|>");
        assertThat(body.path("prompt").asText()).isEqualTo(
                "<|im_start|>system\nBe brief.\n\n" + TOOLS + "<|im_end|>\n"
                        + "<|im_start|>user\nDo it.<|im_end|>\n"
                        + "<|im_start|>assistant\n<think>\nFirst look.\n</think>\n\nLooking.\n<tool_call>\n{\"name\":\"read_file\",\"arguments\":{\"path\":\"a.txt\"}}\n</tool_call><|im_end|>\n"
                        + "<|im_start|>user\n<tool_response>\nhello\n</tool_response><|im_end|>\n"
                        + "<|im_start|>assistant\n<think>\n");
    }

    @Test
    void continuesAnEditedChainOfThoughtAndReturnsTheWholeTurn() throws Exception {
        server.enqueue(Wire.ok(completion(" so I will report it honestly.\n</think>\n\nI could not make both tests pass.", "stop")));
        var m = model();
        assertThat(m.continuation()).isEqualTo(Model.Continuation.REASONING_PREFIX);
        var edited = new Message.AssistantMessage(List.of(Content.Reasoning.of("The tests contradict each other,")), List.of(), "x", Map.of());
        var g = m.generate(List.of(new Message.UserMessage("Fix CI."), edited), List.of(), GenerateConfig.DEFAULT);

        assertThat(Wire.body(Wire.take(server)).path("prompt").asText()).isEqualTo(
                "<|im_start|>user\nFix CI.<|im_end|>\n<|im_start|>assistant\n<think>\nThe tests contradict each other,");
        assertThat(g.message().reasoning()).isEqualTo("The tests contradict each other, so I will report it honestly.");
        assertThat(g.message().text()).isEqualTo("I could not make both tests pass.");
        assertThat(g.stopReason()).isEqualTo(StopReason.STOP);
        assertThat(g.usage().totalTokens()).isEqualTo(115);
    }

    @Test
    void aCutOffChainOfThoughtIsAllReasoning() throws Exception {
        server.enqueue(Wire.ok(completion("Still thinking about", "length")));
        var g = model().generate(List.of(new Message.UserMessage("Q")), List.of(), GenerateConfig.DEFAULT);
        assertThat(g.message().reasoning()).isEqualTo("Still thinking about");
        assertThat(g.message().text()).isEmpty();
        assertThat(g.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(Wire.body(Wire.take(server)).path("max_tokens").asLong()).isEqualTo(CompletionsModel.DEFAULT_MAX_TOKENS);
    }
}
