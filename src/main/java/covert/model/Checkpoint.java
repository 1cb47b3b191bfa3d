package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import covert.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a model sits in a training run: a label, a position (step) and a phase such as {@code sft}, {@code rl}
 * or {@code capabilities}. Runs store it in the log's {@code eval.metadata.checkpoint}, so analyses of a series
 * (trend, scan) read it from logs rather than from model names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Checkpoint(String name, Long step, String phase) {
    public static final String KEY = "checkpoint";

    public Checkpoint {
        if (name == null || name.isBlank()) throw new UserError("a checkpoint needs a name");
        if (step != null && step < 0) throw new UserError("checkpoint step must be >= 0, got " + step);
    }

    public Map<String, Object> toMetadata() {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        if (step != null) m.put("step", step);
        if (phase != null) m.put("phase", phase);
        return m;
    }

    /** Reads {@code metadata.checkpoint} as written by {@link #toMetadata()}; empty when the run has none. */
    public static Optional<Checkpoint> fromMetadata(Map<String, Object> metadata) {
        if (metadata == null || !(metadata.get(KEY) instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) return Optional.empty();
        Long step = m.get("step") instanceof Number n ? n.longValue() : null;
        return Optional.of(new Checkpoint(name, step, m.get("phase") instanceof String p ? p : null));
    }
}
