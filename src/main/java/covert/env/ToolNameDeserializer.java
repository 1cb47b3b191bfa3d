package covert.env;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import covert.tool.Tools;
import java.io.IOException;

/** Rejects unknown tool names while parsing, so the error carries the YAML line of the bad entry. */
final class ToolNameDeserializer extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String name = p.getValueAsString();
        if (name == null || Tools.named(name).isEmpty()) {
            throw new InvalidFormatException(p, "unknown tool '" + name + "' (known: " + String.join(", ", Tools.names()) + ")",
                    name, String.class);
        }
        return name;
    }
}
