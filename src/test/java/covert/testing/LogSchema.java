package covert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates logs against Inspect's log schema (what its reader accepts) and the viewer-strict profile
 * (every field the viewer assumes). Copies of both live in test resources, taken from shared/inspect/.
 */
public final class LogSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema READER = load("/inspect/log-schema.json");
    private static final Schema VIEWER = load("/inspect/log-schema.viewer-strict.json");

    private LogSchema() {}

    private static Schema load(String resource) {
        try (InputStream in = LogSchema.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> errors(JsonNode log) {
        var out = new java.util.ArrayList<String>();
        READER.validate(log).forEach(e -> out.add("schema: " + e.getInstanceLocation() + " " + e.getMessage()));
        VIEWER.validate(log).forEach(e -> out.add("viewer: " + e.getInstanceLocation() + " " + e.getMessage()));
        return out;
    }

    /** Asserts that the log file validates against both schemas with zero errors. */
    public static void assertValid(Path log) {
        try {
            List<String> errors = errors(JSON.readTree(log.toFile()));
            assertThat(errors).as("schema errors in " + log).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
