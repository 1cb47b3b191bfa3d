package covert.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for logs: snake_case, nulls omitted (Inspect writes with {@code exclude_none}),
 * and lenient on read so that logs from Inspect itself or newer Covert versions still load.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    /**
     * One line saying what is wrong with a JSON or YAML input, in the input's terms: the field path and the
     * expected shape, never a Java type or a parser's multi-line context.
     */
    public static String problem(JsonProcessingException e) {
        String path = e instanceof MismatchedInputException m ? fieldPath(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            var known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (path.isEmpty() ? "" : " in " + path) + " (known: " + known + ")";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            var known = java.util.Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf)
                    .map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
            return "invalid value '" + f.getValue() + "' for " + path + " (known: " + known + ")";
        }
        String msg = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonParseException || e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            var loc = e.getLocation();
            return "malformed JSON" + (loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && (msg.startsWith("Cannot construct instance") || msg.startsWith("Cannot deserialize value"))) {
            return (path.isEmpty() ? "" : path + ": ") + "expected " + shape(m.getTargetType());
        }
        if (msg.startsWith("Missing required creator property")) {
            String field = msg.replaceAll(".*'([^']+)'.*", "$1");
            return "missing required field '" + field + "'" + (path.isEmpty() ? "" : " in " + path);
        }
        // whatever else Jackson says, without the Java types it names
        msg = msg.split("\n")[0].replaceAll("\\((class|token) [^)]*\\)", "").replaceAll("`[^`]*`", "value")
                .replaceAll("\\b(java|javax|covert|com|org)\\.[\\w.$<>,\\[\\]]+", "value").strip();
        return (path.isEmpty() ? "" : path + ": ") + msg;
    }

    private static String shape(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (type == String.class) return "a string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        return "a mapping of fields";
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
