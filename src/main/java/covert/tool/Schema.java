package covert.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the small JSON Schema objects that tool parameters need. */
final class Schema {
    private Schema() {}

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    /** An object schema; every listed property is required. */
    static Map<String, Object> object(Map<String, Object> properties) {
        var m = new LinkedHashMap<String, Object>();
        m.put("type", "object");
        m.put("properties", properties);
        m.put("required", List.copyOf(properties.keySet()));
        m.put("additionalProperties", false);
        return m;
    }
}
