package covert.env;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import covert.world.WorldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment, exactly as its YAML file declares it. Text fields may use {@code {{axis}}} placeholders,
 * filled with the text of the variant value chosen for that axis.
 */
public record EnvironmentSpec(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String family,
        String title,
        String description,
        @JsonProperty(required = true) String systemPrompt,
        @JsonProperty(required = true) String task,
        @JsonProperty(required = true) @JsonDeserialize(contentUsing = ToolNameDeserializer.class) List<String> tools,
        WorldSpec world,
        Map<String, LinkedHashMap<String, String>> variants,
        List<String> interview,
        @JsonProperty(required = true) CheckerSpec checker,
        Playbook sim) {

    public EnvironmentSpec {
        world = world == null ? WorldSpec.empty() : world;
        variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        interview = interview == null ? List.of() : List.copyOf(interview);
        tools = List.copyOf(tools);
    }

    /** Axis name to its values, in declaration order. */
    public Map<String, List<String>> axes() {
        var out = new LinkedHashMap<String, List<String>>();
        variants.forEach((axis, values) -> out.put(axis, List.copyOf(values.keySet())));
        return out;
    }
}
