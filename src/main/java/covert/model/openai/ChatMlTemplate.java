package covert.model.openai;

import covert.model.Content;
import covert.model.Message;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ChatML with {@code <think>} reasoning and Hermes-style tools, the chat template of Qwen3, QwQ, DeepSeek-R1 distills
 * and most open reasoning models served by vLLM or llama.cpp. Rendering the prompt ourselves is what lets a CoT
 * intervention continue from an edited chain of thought: a trailing assistant message is rendered with its reasoning
 * left open (no {@code </think>}), and the model's completion is read as the rest of that same turn.
 *
 * <p>Earlier assistant turns keep their reasoning, unlike Qwen3's own template, so the model sees the chain of thought
 * it (or an intervention) produced; tool results go back in a user turn as {@code <tool_response>} blocks.
 */
final class ChatMlTemplate {
    static final String END = "<|im_end|>";
    private static final Pattern TOOL_CALL = Pattern.compile("<tool_call>\\s*(.*?)\\s*</tool_call>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]{1,100})\"");

    private ChatMlTemplate() {}

    // Records keep Hermes' field order (name before arguments); maps inside are sorted for stable prompts.
    private record Call(String name, Map<String, Object> arguments) {}

    private record Function(String name, String description, Map<String, Object> parameters) {}

    private record FunctionTool(String type, Function function) {}

    /** What the prompt left open, so that {@link #parse} knows where the completion starts. */
    record Prompt(String text, String reasoningPrefix, String textPrefix, boolean inThink) {}

    static Prompt render(List<Message> messages, List<ToolSpec> tools) {
        var sb = new StringBuilder();
        int start = 0;
        String system = messages.isEmpty() || !(messages.getFirst() instanceof Message.SystemMessage s) ? null : s.content();
        if (system != null) start = 1;
        if (system != null || !tools.isEmpty()) {
            sb.append("<|im_start|>system\n").append(system == null ? "" : system);
            if (!tools.isEmpty()) sb.append(system == null ? "" : "\n\n").append(toolsBlock(tools));
            sb.append(END).append('\n');
        }
        boolean prefix = !messages.isEmpty() && messages.getLast() instanceof Message.AssistantMessage;
        int end = prefix ? messages.size() - 1 : messages.size();
        for (int i = start; i < end; i++) {
            switch (messages.get(i)) {
                case Message.SystemMessage s -> sb.append("<|im_start|>system\n").append(s.content()).append(END).append('\n');
                case Message.UserMessage u -> sb.append("<|im_start|>user\n").append(u.content()).append(END).append('\n');
                case Message.AssistantMessage a -> sb.append("<|im_start|>assistant\n").append(turn(a)).append(END).append('\n');
                case Message.ToolMessage t -> {
                    boolean first = !(messages.get(i - 1) instanceof Message.ToolMessage);
                    boolean last = i + 1 >= end || !(messages.get(i + 1) instanceof Message.ToolMessage);
                    if (first) sb.append("<|im_start|>user");
                    sb.append("\n<tool_response>\n").append(t.content()).append("\n</tool_response>");
                    if (last) sb.append(END).append('\n');
                }
            }
        }
        sb.append("<|im_start|>assistant\n<think>\n");
        if (!prefix) return new Prompt(sb.toString(), "", "", true);
        var a = (Message.AssistantMessage) messages.getLast();
        String reasoning = a.reasoning();
        String text = a.text();
        sb.append(reasoning);
        if (text.isEmpty()) return new Prompt(sb.toString(), reasoning, "", true);
        sb.append("\n</think>\n\n").append(text);
        return new Prompt(sb.toString(), reasoning, text, false);
    }

    /**
     * One Hermes tool call. A body that is not {@code {"name": ..., "arguments": {...}}} is kept whole as a malformed
     * call (with the name, when one can be read), so the model hears what was wrong, as real servers and Inspect answer.
     */
    private static ToolCall call(String id, String body) {
        Map<String, Object> call;
        try {
            call = Args.object(body);
        } catch (IllegalArgumentException e) {
            var name = NAME.matcher(body);
            return ToolCall.malformed(id, name.find() ? name.group(1) : "", body, "invalid JSON in <tool_call>: " + e.getMessage());
        }
        String name = call.get("name") instanceof String s ? s : null;
        Object args = call.get("arguments");
        if (name == null || name.isEmpty()) return ToolCall.malformed(id, "", body, "the <tool_call> has no \"name\"");
        if (args == null) return new ToolCall(id, name, Map.of());
        if (args instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) map;
            return new ToolCall(id, name, arguments);
        }
        if (args instanceof String s) return Args.call(id, name, s);
        return ToolCall.malformed(id, name, body, "\"arguments\" must be a JSON object");
    }

    /** The whole assistant turn: the prompt's open prefix plus the completion, split into reasoning, text and tool calls. */
    static Message.AssistantMessage parse(Prompt prompt, String completion, String model, String callIdPrefix) {
        String reasoning = prompt.reasoningPrefix();
        String rest = completion;
        if (prompt.inThink()) {
            int close = completion.indexOf("</think>");
            reasoning += close < 0 ? completion : completion.substring(0, close);
            rest = close < 0 ? "" : completion.substring(close + "</think>".length());
        }
        var calls = new ArrayList<ToolCall>();
        Matcher m = TOOL_CALL.matcher(rest);
        while (m.find()) calls.add(call(callIdPrefix + calls.size(), m.group(1).strip()));
        String text = (prompt.textPrefix() + TOOL_CALL.matcher(rest).replaceAll("")).strip();
        var content = new ArrayList<Content>();
        reasoning = reasoning.strip();
        if (!reasoning.isEmpty()) content.add(Content.Reasoning.of(reasoning));
        if (!text.isEmpty()) content.add(new Content.Text(text));
        return new Message.AssistantMessage(content, calls, model, Map.of());
    }

    private static String turn(Message.AssistantMessage a) {
        var sb = new StringBuilder();
        if (!a.reasoning().isEmpty()) sb.append("<think>\n").append(a.reasoning()).append("\n</think>\n\n");
        sb.append(a.text());
        for (ToolCall c : a.toolCalls()) {
            sb.append(sb.isEmpty() ? "" : "\n").append("<tool_call>\n").append(Args.json(new Call(c.function(), c.arguments()))).append("\n</tool_call>");
        }
        return sb.toString();
    }

    private static String toolsBlock(List<ToolSpec> tools) {
        var sb = new StringBuilder("# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
                + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>");
        for (ToolSpec t : tools) {
            sb.append('\n').append(Args.json(new FunctionTool("function", new Function(t.name(), t.description(), t.parameters()))));
        }
        return sb.append("\n</tools>\n\nFor each function call, return a json object with function name and arguments within "
                + "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>")
                .toString();
    }
}
