package covert.env;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes an {@link EnvironmentSpec} as YAML that {@link SpecLoader} reads back to an equal spec, so that
 * generated environments (e.g. red-team variants) are ordinary suite files. Multi-line texts are written as
 * literal blocks, so the files stay readable and diffable.
 */
public final class SpecWriter {
    private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private SpecWriter() {}

    /** The spec as YAML, preceded by {@code comments} as {@code #} lines. */
    public static String write(EnvironmentSpec spec, List<String> comments) {
        var sb = new StringBuilder();
        for (String c : comments) for (String line : c.split("\n")) sb.append("# ").append(line).append('\n');
        try {
            return sb.append(YAML.writeValueAsString(spec)).toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
