package covert.train;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's chat fine-tuning format (supervised, with function tools), as its public documentation defines a line:
 * {@code messages} (required), {@code tools} (function definitions), {@code parallel_tool_calls}; roles system, user,
 * assistant and tool; an assistant message carries {@code content} (a string, or null when it has tool calls),
 * {@code tool_calls} with JSON-string {@code arguments}, an optional {@code name} and an optional {@code weight} of 0 or
 * 1; a tool message answers a call by {@code tool_call_id}. Any other key, such as {@code reasoning_content}, is
 * rejected, as the service rejects it; and a line must train at least one assistant message.
 */
public record OpenAiChatCheck() implements FormatCheck {
    private static final Set<String> LINE = Set.of("messages", "tools", "parallel_tool_calls");
    private static final Map<String, Set<String>> MESSAGE = Map.of(
            "system", Set.of("role", "content", "name"),
            "user", Set.of("role", "content", "name"),
            "assistant", Set.of("role", "content", "name", "tool_calls", "weight"),
            "tool", Set.of("role", "content", "tool_call_id"));

    @Override
    public List<String> problems(JsonNode line) {
        var out = new ArrayList<String>();
        FormatCheck.keys(line, "the line", LINE, out);
        if (!out.isEmpty() && (line == null || !line.isObject())) return out;
        if (line.has("parallel_tool_calls") && !line.get("parallel_tool_calls").isBoolean()) out.add("parallel_tool_calls must be a boolean");
        if (line.has("tools")) {
            if (!line.get("tools").isArray()) out.add("tools must be a list");
            else for (int i = 0; i < line.get("tools").size(); i++) FormatCheck.tool(line.get("tools").get(i), "tools[" + i + "]", out);
        }
        JsonNode messages = line.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            out.add("messages must be a non-empty list");
            return out;
        }
        var pending = new HashSet<String>();
        boolean trained = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = m.path("role").asText("");
            Set<String> allowed = MESSAGE.get(role);
            if (allowed == null) {
                out.add(where + " has role '" + role + "' (system, user, assistant or tool)");
                continue;
            }
            FormatCheck.keys(m, where, allowed, out);
            JsonNode content = m.get("content");
            boolean calls = m.has("tool_calls");
            if (!(content != null && content.isTextual() || role.equals("assistant") && calls && (content == null || content.isNull()))) {
                out.add(where + ".content must be a string" + (role.equals("assistant") ? " (or null with tool_calls)" : ""));
            }
            if (m.has("weight") && !(m.get("weight").isInt() && (m.get("weight").asInt() == 0 || m.get("weight").asInt() == 1))) {
                out.add(where + ".weight must be 0 or 1");
            }
            if (role.equals("assistant")) {
                trained |= !m.has("weight") || m.get("weight").asInt() == 1;
                if (calls) toolCalls(m.get("tool_calls"), where, pending, out);
            } else if (role.equals("tool")) {
                if (!pending.remove(m.path("tool_call_id").asText(""))) out.add(where + " answers no pending tool call");
            }
        }
        if (!trained) out.add("no assistant message is trained (every one has weight 0)");
        return out;
    }

    private static void toolCalls(JsonNode calls, String where, Set<String> pending, List<String> out) {
        if (!calls.isArray() || calls.isEmpty()) {
            out.add(where + ".tool_calls must be a non-empty list");
            return;
        }
        for (int j = 0; j < calls.size(); j++) {
            JsonNode c = calls.get(j);
            String w = where + ".tool_calls[" + j + "]";
            FormatCheck.keys(c, w, Set.of("id", "type", "function"), out);
            if (!c.path("id").isTextual()) out.add(w + ".id must be a string");
            else pending.add(c.get("id").asText());
            if (!"function".equals(c.path("type").asText(null))) out.add(w + ".type must be \"function\"");
            JsonNode f = c.path("function");
            FormatCheck.keys(f, w + ".function", Set.of("name", "arguments"), out);
            if (!f.path("name").isTextual()) out.add(w + ".function.name must be a string");
            JsonNode a = f.path("arguments");
            if (!a.isTextual()) {
                out.add(w + ".function.arguments must be a JSON-encoded string");
                continue;
            }
            try {
                if (!Json.MAPPER.readTree(a.asText()).isObject()) out.add(w + ".function.arguments must encode a JSON object");
            } catch (IOException e) {
                out.add(w + ".function.arguments is not valid JSON");
            }
        }
    }
}
