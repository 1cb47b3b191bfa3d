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
    private static final java.util.Map<String, Schema[]> BY_DEF = new java.util.concurrent.ConcurrentHashMap<>();

    private LogSchema() {}

    private static Schema load(String resource) {
        return load(resource, null);
    }

    /** The schema with its root pointed at one of its {@code $defs}, for the entries of an .eval file. */
    private static Schema load(String resource, String def) {
        try (InputStream in = LogSchema.class.getResourceAsStream(resource)) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(in);
            if (def != null) tree.put("$ref", "#/$defs/" + def);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates one entry of an .eval file against its definition in both schemas. */
    public static List<String> errors(JsonNode entry, String def) {
        Schema[] pair = BY_DEF.computeIfAbsent(def, d -> new Schema[] {load("/inspect/log-schema.json", d), load("/inspect/log-schema.viewer-strict.json", d)});
        var out = new java.util.ArrayList<String>();
        pair[0].validate(entry).forEach(e -> out.add("schema " + def + ": " + e.getInstanceLocation() + " " + e.getMessage()));
        pair[1].validate(entry).forEach(e -> out.add("viewer " + def + ": " + e.getInstanceLocation() + " " + e.getMessage()));
        return out;
    }

    static String defFor(String entry) {
        if (entry.equals("header.json")) return "EvalLog";
        if (entry.equals("summaries.json")) return "SummariesJson";
        if (entry.equals("reductions.json")) return "ReductionsJson";
        if (entry.equals("_journal/start.json")) return "LogStart";
        if (entry.startsWith("_journal/summaries/")) return "SummariesJson";
        if (entry.startsWith("samples/")) return "EvalSample";
        return null;
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
            if (!log.toString().endsWith(".eval")) {
                assertThat(errors(JSON.readTree(log.toFile()))).as("schema errors in " + log).isEmpty();
                return;
            }
            var errors = new java.util.ArrayList<String>();
            var names = new java.util.ArrayList<String>();
            try (var zip = new java.util.zip.ZipFile(log.toFile())) {
                for (var e : java.util.Collections.list(zip.entries())) {
                    names.add(e.getName());
                    String def = defFor(e.getName());
                    assertThat(def).as("unexpected entry " + e.getName()).isNotNull();
                    try (var in = zip.getInputStream(e)) {
                        errors.addAll(errors(JSON.readTree(in), def).stream().map(x -> e.getName() + ": " + x).toList());
                    }
                }
            }
            assertThat(names).contains("header.json", "_journal/start.json", "summaries.json", "reductions.json")
                    .anyMatch(n -> n.startsWith("samples/"));
            assertThat(errors).as("schema errors in " + log).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
