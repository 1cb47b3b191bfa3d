package covert.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import covert.log.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks exported JSONL files the way a fine-tuning service would: every line parses and its conversation is legal. */
final class Exports {
    private Exports() {}

    static List<JsonNode> lines(Path file) throws Exception {
        var out = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(file)) out.add(Json.MAPPER.readTree(line));
        return out;
    }

    /**
     * System first (optional), then a user turn; every assistant tool call is answered by exactly one tool message
     * before the next user or assistant turn; no tool message without a pending call; user turns never follow each
     * other; the last message is the assistant's; weights (0 or 1) only on assistant messages.
     */
    static void assertLegalConversation(JsonNode messages) throws Exception {
        assertThat(messages.isArray()).isTrue();
        assertThat(messages.size()).isGreaterThanOrEqualTo(2);
        int i = 0;
        if (messages.get(0).get("role").asText().equals("system")) i++;
        assertThat(messages.get(i).get("role").asText()).isEqualTo("user");
        var pending = new HashSet<String>();
        String previous = "system";
        for (; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.get("role").asText();
            if (m.has("weight")) {
                assertThat(role).as("weight on a " + role + " message").isEqualTo("assistant");
                assertThat(m.get("weight").asInt()).isIn(0, 1);
            }
            switch (role) {
                case "tool" -> assertThat(pending.remove(m.get("tool_call_id").asText())).as("tool message answers a pending call").isTrue();
                case "user" -> {
                    assertThat(pending).as("calls answered before the user speaks").isEmpty();
                    assertThat(previous).as("two user turns in a row").isNotEqualTo("user");
                }
                case "assistant" -> {
                    assertThat(pending).as("calls answered before the next assistant turn").isEmpty();
                    assertThat(m.has("content") && !m.get("content").isNull() || m.has("tool_calls")).isTrue();
                    if (m.has("tool_calls")) {
                        for (JsonNode c : m.get("tool_calls")) {
                            assertThat(c.get("type").asText()).isEqualTo("function");
                            assertThat(c.get("function").get("arguments").isTextual()).isTrue();
                            Json.MAPPER.readTree(c.get("function").get("arguments").asText());
                            pending.add(c.get("id").asText());
                        }
                    }
                }
                case "system" -> throw new AssertionError("a system message after the start");
                default -> throw new AssertionError("unknown role " + role);
            }
            previous = role;
        }
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.get("role").asText()).isEqualTo("assistant");
    }
}
