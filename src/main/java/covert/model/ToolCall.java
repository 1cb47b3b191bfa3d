package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A tool call a model issued. Arguments are JSON values as decoded from the model's output. A call the harness could
 * not decode keeps what the model wrote: {@code parseError} says why (Inspect's {@code parse_error}) and the raw text
 * stays in the arguments under {@link #RAW}, so the log shows what the model did and the model is told what was wrong.
 */
public record ToolCall(String id, String function, Map<String, Object> arguments, @JsonProperty("type") String type,
                       @JsonProperty("parse_error") @JsonInclude(JsonInclude.Include.NON_NULL) String parseError) {
    /** The argument key under which an undecodable call keeps the model's raw text. */
    public static final String RAW = "raw_arguments";

    public ToolCall {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        type = type == null ? "function" : type;
    }

    public ToolCall(String id, String function, Map<String, Object> arguments, String type) {
        this(id, function, arguments, type, null);
    }

    public ToolCall(String id, String function, Map<String, Object> arguments) {
        this(id, function, arguments, "function", null);
    }

    /** A call whose text could not be decoded: {@code raw} is what the model wrote, {@code error} the decoder's complaint. */
    public static ToolCall malformed(String id, String function, String raw, String error) {
        return new ToolCall(id, function == null ? "" : function, Map.of(RAW, raw), "function", error);
    }

    public String stringArg(String name) {
        Object v = arguments.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
