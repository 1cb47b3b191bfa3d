package covert.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A tool call a model issued. Arguments are JSON values as decoded from the model's output. */
public record ToolCall(String id, String function, Map<String, Object> arguments, @JsonProperty("type") String type) {
    public ToolCall {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        type = type == null ? "function" : type;
    }

    public ToolCall(String id, String function, Map<String, Object> arguments) {
        this(id, function, arguments, "function");
    }

    public String stringArg(String name) {
        Object v = arguments.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
