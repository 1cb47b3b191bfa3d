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
 * The Hugging Face conversational format that TRL trainers and {@code apply_chat_template} read, as its documentation
 * defines it: either a {@code messages} list (language modelling) or {@code prompt} and {@code completion} lists (the
 * loss falls on the completion only), messages with {@code role} and {@code content}, assistant {@code tool_calls}
 * whose {@code arguments} are what the target template expects (an object, or a string for templates that concatenate
 * them), and the reasoning where the template reads it. {@code tools} is one JSON string so that lines offering
 * different tools share one column type. Anything else in a message, such as a reasoning key the template ignores or
 * a {@code weight} (TRL has none), is a problem.
 */
public record HfMessagesCheck(Dialect dialect, Shape shape) implements FormatCheck {
    /** TRL's dataset types: language modelling ({@code messages}), prompt-completion, and prompt-only (RL tasks). */
    public enum Shape {
        MESSAGES(Set.of("messages", "tools", "canary", "metadata")),
        PROMPT_COMPLETION(Set.of("prompt", "completion", "tools", "canary", "metadata")),
        PROMPT_ONLY(Set.of("task_id", "prompt", "tools", "reward", "canary", "metadata"));

        final Set<String> keys;

        Shape(Set<String> keys) {
            this.keys = keys;
        }
    }

    private static final Map<String, Set<String>> MESSAGE = Map.of(
            "system", Set.of("role", "content"),
            "user", Set.of("role", "content"),
            "assistant", Set.of("role", "content", "tool_calls"),
            "tool", Set.of("role", "content", "tool_call_id"));

    @Override
    public List<String> problems(JsonNode line) {
        var out = new ArrayList<String>();
        FormatCheck.keys(line, "the line", shape.keys, out);
        if (line == null || !line.isObject()) return out;
        tools(line.get("tools"), out);
        if (line.has("metadata")) {
            line.get("metadata").fields().forEachRemaining(e -> {
                if (e.getValue().isContainerNode()) out.add("metadata." + e.getKey() + " must be a scalar, so every line has the same columns");
            });
        }
        switch (shape) {
            case MESSAGES -> messages(line.get("messages"), "messages", out);
            case PROMPT_ONLY -> messages(line.get("prompt"), "prompt", out);
            case PROMPT_COMPLETION -> {
                messages(line.get("prompt"), "prompt", out);
                messages(line.get("completion"), "completion", out);
                JsonNode c = line.get("completion");
                if (c != null && c.isArray() && (c.size() != 1 || !"assistant".equals(c.get(0).path("role").asText()))) {
                    out.add("completion must be the one assistant message trained");
                }
            }
        }
        return out;
    }

    private static void tools(JsonNode tools, List<String> out) {
        if (tools == null || !tools.isTextual()) {
            out.add("tools must be one JSON string (the list of function definitions)");
            return;
        }
        try {
            JsonNode list = Json.MAPPER.readTree(tools.asText());
            if (!list.isArray()) out.add("tools must encode a list");
            else for (int i = 0; i < list.size(); i++) FormatCheck.tool(list.get(i), "tools[" + i + "]", out);
        } catch (IOException e) {
            out.add("tools is not valid JSON");
        }
    }

    private void messages(JsonNode messages, String column, List<String> out) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            out.add(column + " must be a non-empty list of messages");
            return;
        }
        String field = dialect.reasoning() instanceof Dialect.Placement.Field f ? f.key() : null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = column + "[" + i + "]";
            String role = m.path("role").asText("");
            Set<String> allowed = MESSAGE.get(role);
            if (allowed == null) {
                out.add(where + " has role '" + role + "'");
                continue;
            }
            FormatCheck.keys(m, where, role.equals("assistant") && field != null ? union(allowed, field) : allowed, out);
            if (!m.path("content").isTextual()) out.add(where + ".content must be a string");
            if (!role.equals("assistant")) continue;
            if (field != null && m.has(field) && !m.get(field).isTextual()) out.add(where + "." + field + " must be a string");
            reasoningTags(m.path("content").asText(""), where, out);
            if (m.has("tool_calls")) toolCalls(m.get("tool_calls"), where, out);
        }
    }

    /** Reasoning tags in the content belong only to a dialect that puts reasoning there, and then only at the start. */
    private void reasoningTags(String content, String where, List<String> out) {
        boolean tagged = content.contains("<think>") || content.contains("<thinking>");
        if (dialect.reasoning() instanceof Dialect.Placement.Inline in) {
            if (tagged && !content.startsWith(in.open())) out.add(where + ".content has reasoning tags other than " + in.open().strip() + " at the start");
        } else if (tagged) {
            out.add(where + ".content has reasoning tags, but " + dialect.name() + " reads reasoning elsewhere");
        }
    }

    private void toolCalls(JsonNode calls, String where, List<String> out) {
        if (!calls.isArray() || calls.isEmpty()) {
            out.add(where + ".tool_calls must be a non-empty list");
            return;
        }
        for (int j = 0; j < calls.size(); j++) {
            JsonNode c = calls.get(j);
            String w = where + ".tool_calls[" + j + "]";
            FormatCheck.keys(c, w, Set.of("id", "type", "function"), out);
            JsonNode f = c.path("function");
            FormatCheck.keys(f, w + ".function", Set.of("name", "arguments"), out);
            if (!f.path("name").isTextual()) out.add(w + ".function.name must be a string");
            JsonNode a = f.path("arguments");
            if (dialect.stringArguments()) {
                if (!a.isTextual()) out.add(w + ".function.arguments must be a JSON string for " + dialect.name());
            } else if (!a.isObject()) {
                out.add(w + ".function.arguments must be an object for " + dialect.name() + (a.isTextual() ? " (a string renders double-encoded)" : ""));
            }
        }
    }

    private static Set<String> union(Set<String> a, String b) {
        var s = new HashSet<>(a);
        s.add(b);
        return s;
    }
}
