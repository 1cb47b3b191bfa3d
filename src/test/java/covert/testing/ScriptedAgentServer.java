package covert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible Chat Completions server that plays a scripted agent: it reads how many assistant turns the
 * conversation already has and answers with the next step (a tool call, or text once the script is done). It also
 * counts the requests that carried the expected API key.
 */
public final class ScriptedAgentServer extends Dispatcher {
    /** One step: a tool call (name and JSON arguments), or a text answer when {@code tool} is null. */
    public record Step(String tool, String arguments, String text) {
        public static Step call(String tool, String arguments) {
            return new Step(tool, arguments, null);
        }

        public static Step say(String text) {
            return new Step(null, null, text);
        }
    }

    private final IntFunction<Step> script;
    private final String expectedKey;
    private final IntFunction<String> reasoning;
    public final AtomicInteger withKey = new AtomicInteger();

    public ScriptedAgentServer(IntFunction<Step> script, String expectedKey) {
        this(script, expectedKey, turn -> "Step " + turn + ": deciding what to do next.");
    }

    /** @param reasoning the {@code reasoning_content} of each turn */
    public ScriptedAgentServer(IntFunction<Step> script, String expectedKey, IntFunction<String> reasoning) {
        this.script = script;
        this.expectedKey = expectedKey;
        this.reasoning = reasoning;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        // Like many compatible servers, no model list: the preflight then leaves the check to the first request.
        if ("GET".equals(request.getMethod())) return Wire.json(404, "{\"error\":{\"message\":\"Not Found\",\"type\":\"not_found_error\"}}");
        if (("Bearer " + expectedKey).equals(request.getHeaders().get("Authorization"))) withKey.incrementAndGet();
        JsonNode body = Wire.body(request);
        int turn = 0;
        for (JsonNode m : body.path("messages")) if (m.path("role").asText().equals("assistant")) turn++;
        Step step = script.apply(turn);
        var message = Wire.JSON.createObjectNode().put("role", "assistant");
        message.put("reasoning_content", reasoning.apply(turn));
        if (step.tool() == null) {
            message.put("content", step.text());
        } else {
            message.putNull("content");
            var call = message.putArray("tool_calls").addObject().put("id", "call_" + turn).put("type", "function");
            call.putObject("function").put("name", step.tool()).put("arguments", step.arguments());
        }
        var out = Wire.JSON.createObjectNode().put("id", "chatcmpl-" + turn).put("object", "chat.completion").put("created", 1735689600)
                .put("model", body.path("model").asText());
        var choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", step.tool() == null ? "stop" : "tool_calls");
        choice.set("message", message);
        out.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 100).put("total_tokens", 1100);
        return Wire.ok(out.toString());
    }
}
