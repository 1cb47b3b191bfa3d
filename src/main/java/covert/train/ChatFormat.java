package covert.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import covert.log.Json;
import covert.model.Message;
import covert.model.ToolCall;
import covert.tool.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Covert transcripts as chat fine-tuning messages in a {@link Dialect}: assistant {@code tool_calls}, {@code tool}
 * messages answering them by {@code tool_call_id}, and a {@code tools} list of function schemas. The dialect decides
 * where reasoning goes and how arguments are encoded, so that each target's own reader (OpenAI's validator, a Hugging
 * Face chat template) sees what it expects.
 */
public final class ChatFormat {
    private ChatFormat() {}

    public static Map<String, Object> system(String content) {
        return message("system", content);
    }

    public static Map<String, Object> user(String content) {
        return message("user", content);
    }

    /** An assistant message; {@code weight} (0 or 1, the per-message loss mask) is left out when null. */
    public static Map<String, Object> assistant(Message.AssistantMessage a, Dialect d, Integer weight) {
        var m = new LinkedHashMap<String, Object>();
        m.put("role", "assistant");
        String text = a.text();
        String thought = a.reasoning().strip();
        if (d.oneChannelWithCalls() && !a.toolCalls().isEmpty() && !thought.isEmpty() && !text.isBlank()) {
            thought = thought + "\n\n" + text.strip();
            text = "";
        }
        if (d.reasoning() instanceof Dialect.Placement.Inline in && !thought.isEmpty()) text = in.open() + thought + in.close() + text;
        m.put("content", text.isBlank() && !a.toolCalls().isEmpty() && d.nullContent() ? null : text);
        if (d.reasoning() instanceof Dialect.Placement.Field f && !thought.isEmpty()) m.put(f.key(), thought);
        if (!a.toolCalls().isEmpty()) m.put("tool_calls", a.toolCalls().stream().map(c -> toolCall(c, d.stringArguments())).toList());
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

    private static Map<String, Object> toolCall(ToolCall c, boolean asString) {
        var f = new LinkedHashMap<String, Object>();
        f.put("name", c.function());
        f.put("arguments", asString ? json(c.arguments()) : c.arguments());
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

    static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
    public static List<Map<String, Object>> conversation(List<Message> messages, String systemPrompt, Dialect dialect, boolean weights,
                                                         boolean throughSubmitResult) {
        var out = new ArrayList<Map<String, Object>>();
        for (Message m : messages) {
            switch (m) {
                case Message.SystemMessage s -> out.add(system(systemPrompt));
                case Message.UserMessage u -> out.add(user(u.content()));
                case Message.AssistantMessage a -> out.add(assistant(a, dialect, weights ? 0 : null));
                case Message.ToolMessage t -> out.add(tool(t));
            }
            // The submit call ends the task; the interview that may follow is not part of the trained episode.
            if (!throughSubmitResult && m instanceof Message.AssistantMessage a && a.toolCalls().stream().anyMatch(c -> c.function().equals("submit"))) break;
            if (throughSubmitResult && m instanceof Message.ToolMessage t && "submit".equals(t.function()) && t.error() == null) break;
        }
        return out;
    }
}
