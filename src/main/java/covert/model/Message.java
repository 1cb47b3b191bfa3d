package covert.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A chat message, shaped like Inspect's {@code ChatMessage} so that the same records are the log format.
 * Inspect's union is not discriminated, so {@code role} is always written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "role")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Message.SystemMessage.class, name = "system"),
    @JsonSubTypes.Type(value = Message.UserMessage.class, name = "user"),
    @JsonSubTypes.Type(value = Message.AssistantMessage.class, name = "assistant"),
    @JsonSubTypes.Type(value = Message.ToolMessage.class, name = "tool")
})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public sealed interface Message {

    // Inspect requires content on every message: an empty one is written, not left out.
    record SystemMessage(@JsonInclude(JsonInclude.Include.ALWAYS) String content) implements Message {}

    record UserMessage(@JsonInclude(JsonInclude.Include.ALWAYS) String content) implements Message {}

    /** Model output: text and reasoning parts, and the tool calls it asked for. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record AssistantMessage(@JsonInclude(JsonInclude.Include.ALWAYS) List<Content> content, List<ToolCall> toolCalls, String model, Map<String, Object> metadata)
            implements Message {
        public AssistantMessage {
            content = content == null ? List.of() : List.copyOf(content);
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        @JsonIgnore
        public String text() {
            var sb = new StringBuilder();
            for (Content c : content) if (c instanceof Content.Text t) sb.append(sb.isEmpty() ? "" : "\n").append(t.text());
            return sb.toString();
        }

        @JsonIgnore
        public String reasoning() {
            var sb = new StringBuilder();
            for (Content c : content) if (c instanceof Content.Reasoning r) sb.append(sb.isEmpty() ? "" : "\n").append(r.reasoning());
            return sb.toString();
        }
    }

    /** The result of one tool call; {@code error} is set when the tool refused or failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolMessage(String content, String toolCallId, String function, ToolError error) implements Message {}

    /** Inspect's {@code ToolCallError}: {@code type} is one of its fixed kinds (parsing, unknown, …). */
    record ToolError(String type, String message) {}
}
