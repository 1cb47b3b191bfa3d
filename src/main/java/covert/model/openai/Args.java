package covert.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tool-call arguments and schemas between covert's maps and the JSON strings and values the OpenAI wire uses. */
final class Args {
    /** Keys sorted: schemas are often {@code Map.of}, whose order changes from one JVM to the next; prompts must not. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Args() {}

    /** Decodes a model's argument string; text that is not a JSON object is kept whole so the tool can report it. */
    static Map<String, Object> parse(String arguments) {
        if (arguments == null || arguments.isBlank()) return Map.of();
        try {
            return JSON.readValue(arguments, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of("raw_arguments", arguments);
        }
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
