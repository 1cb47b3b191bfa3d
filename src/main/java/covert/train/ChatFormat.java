package covert.train;

import covert.log.Json;
import covert.model.Message;
import covert.model.ToolCall;
import covert.tool.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Covert transcripts in the OpenAI chat fine-tuning format, which Hugging Face chat templates and TRL
 * read too: assistant {@code tool_calls} with JSON-string arguments, {@code tool} messages answering them by
 * {@code tool_call_id}, and a {@code tools} list of function schemas. Reasoning goes inline as
 * {@code <thinking>…</thinking>} before the visible text, or into a separate {@code reasoning_content} field.
 */
public final class ChatFormat {
    /** Where the model's reasoning goes in an exported assistant message. */
    public enum Reasoning {
        INLINE, FIELD;

        public static Reasoning parse(String s) {
            return switch (s == null ? "inline" : s.toLowerCase(java.util.Locale.ROOT)) {
                case "inline" -> INLINE;
                case "field" -> FIELD;
                default -> throw new covert.UserError("--reasoning must be inline or field, got '" + s + "'");
            };
        }
    }

    public static final String REASONING_FIELD = "reasoning_content";

    private ChatFormat() {}

    public static Map<String, Object> system(String content) {
        return message("system", content);
    }

    public static Map<String, Object> user(String content) {
        return message("user", content);
    }

    /** An assistant message; {@code weight} (0 or 1, the per-message loss mask) is left out when null. */
    public static Map<String, Object> assistant(Message.AssistantMessage a, Reasoning reasoning, Integer weight) {
        var m = new LinkedHashMap<String, Object>();
        m.put("role", "assistant");
        String text = a.text();
        String thought = a.reasoning();
        if (reasoning == Reasoning.INLINE && !thought.isBlank()) text = "<thinking>" + thought.strip() + "</thinking>" + (text.isBlank() ? "" : "\n" + text);
        m.put("content", text.isBlank() && !a.toolCalls().isEmpty() ? null : text);
        if (reasoning == Reasoning.FIELD && !thought.isBlank()) m.put(REASONING_FIELD, thought.strip());
        if (!a.toolCalls().isEmpty()) m.put("tool_calls", a.toolCalls().stream().map(ChatFormat::toolCall).toList());
        if (weight != null) m.put("weight", weight);
        return m;
    }

    /** A plain assistant text turn, e.g. a written disclosure. */
    public static Map<String, Object> assistantText(String text, Integer weight) {
        var m = message("assistant", text);
        if (weight != null) m.put("weight", weight);
        return m;
    }

    public static Map<String, Object> tool(Message.ToolMessage t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("role", "tool");
        m.put("tool_call_id", t.toolCallId());
        m.put("content", t.content());
        return m;
    }

    private static Map<String, Object> toolCall(ToolCall c) {
        var f = new LinkedHashMap<String, Object>();
        f.put("name", c.function());
        try {
            f.put("arguments", Json.MAPPER.writeValueAsString(c.arguments()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("id", c.id());
        m.put("type", "function");
        m.put("function", f);
        return m;
    }

    private static Map<String, Object> message(String role, String content) {
        var m = new LinkedHashMap<String, Object>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    /** The environment's tools as OpenAI function definitions. */
    public static List<Map<String, Object>> tools(List<String> names) {
        var out = new ArrayList<Map<String, Object>>();
        for (String n : names) {
            var t = Tools.named(n).orElseThrow().spec();
            var f = new LinkedHashMap<String, Object>();
            f.put("name", t.name());
            f.put("description", t.description());
            f.put("parameters", t.parameters());
            out.add(Map.of("type", "function", "function", f));
        }
        return out;
    }

    /**
     * The conversation of a transcript up to and including the assistant turn that submitted, with the
     * system prompt replaced (the spec removed) and, when {@code weights} is set, every assistant message
     * weighted 0: the caller appends the one turn it wants trained. With {@code throughSubmitResult} the tool
     * result of the submit call is kept too, so that a follow-up user turn can come next.
     */
    public static List<Map<String, Object>> conversation(List<Message> messages, String systemPrompt, Reasoning reasoning, boolean weights,
                                                         boolean throughSubmitResult) {
        var out = new ArrayList<Map<String, Object>>();
        for (Message m : messages) {
            switch (m) {
                case Message.SystemMessage s -> out.add(system(systemPrompt));
                case Message.UserMessage u -> out.add(user(u.content()));
                case Message.AssistantMessage a -> out.add(assistant(a, reasoning, weights ? 0 : null));
                case Message.ToolMessage t -> out.add(tool(t));
            }
            // The submit call ends the task; the interview that may follow is not part of the trained episode.
            if (!throughSubmitResult && m instanceof Message.AssistantMessage a && a.toolCalls().stream().anyMatch(c -> c.function().equals("submit"))) break;
            if (throughSubmitResult && m instanceof Message.ToolMessage t && "submit".equals(t.function()) && t.error() == null) break;
        }
        return out;
    }
}
