package covert.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import covert.model.ToolCall;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tool-call arguments and schemas between covert's maps and the JSON strings and values the OpenAI wire uses. */
final class Args {
    /** Keys sorted: schemas are often {@code Map.of}, whose order changes from one JVM to the next; prompts must not. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Args() {}

    /** A tool call from a model's argument string; text that is not a JSON object makes a malformed call that keeps it. */
    static ToolCall call(String id, String name, String arguments) {
        if (arguments == null || arguments.isBlank()) return new ToolCall(id, name, Map.of());
        try {
            return new ToolCall(id, name, JSON.readValue(arguments, new TypeReference<LinkedHashMap<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            return ToolCall.malformed(id, name, arguments, problem(e));
        }
    }

    /** Decodes a JSON object, or throws with the decoder's one-line complaint. */
    static Map<String, Object> object(String json) throws IllegalArgumentException {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(problem(e), e);
        }
    }

    private static String problem(JsonProcessingException e) {
        var loc = e.getLocation();
        return e.getOriginalMessage().lines().findFirst().orElse("invalid JSON")
                + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, JsonValue> values(Map<String, Object> schema) {
        var out = new LinkedHashMap<String, JsonValue>();
        schema.forEach((k, v) -> out.put(k, JsonValue.from(v)));
        return out;
    }
}
