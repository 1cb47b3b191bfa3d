package covert.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import covert.UserError;
import covert.model.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series of models evaluated on the same samples, one log each: several {@code --model}s, or the checkpoints of a
 * training run listed in a {@code series.yaml}. Every run of a series shares the base config (suite, environments,
 * epochs, seed), so the checkpoints' samples pair up by sample id, epoch and seed.
 *
 * <pre>
 * - {model: openai/ckpt-0100, checkpoint: ckpt-0100, step: 100, phase: sft}
 * - {model: openai/ckpt-0200, checkpoint: ckpt-0200, step: 200, phase: rl, model_args: {temperature: 1}}
 * - {model: sim/baseline@rl-4}              # simulated checkpoints know their step and phase
 * </pre>
 */
public record Series(List<Entry> entries) {
    /** One model of the series; checkpoint, step, phase and model args are optional. */
    public record Entry(String model, String checkpoint, Long step, String phase, Map<String, String> modelArgs) {
        public Entry {
            if (model == null || model.isBlank()) throw new UserError("every series entry needs a model");
            if (checkpoint == null && (step != null || phase != null)) {
                throw new UserError("series entry " + model + ": step and phase need a checkpoint name");
            }
            modelArgs = modelArgs == null ? Map.of() : Map.copyOf(modelArgs);
        }

        Checkpoint toCheckpoint() {
            return checkpoint == null ? null : new Checkpoint(checkpoint, step, phase);
        }
    }

    public Series {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) throw new UserError("the series lists no models");
    }

    /** Several {@code --model}s, each with the same command-line model args. */
    public static Series ofModels(List<String> models) {
        return new Series(models.stream().map(m -> new Entry(m, null, null, null, Map.of())).toList());
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads a YAML list of entries; a malformed file is a one-line error naming it. */
    public static Series load(Path file) {
        if (!Files.exists(file)) throw new UserError("series file not found: " + file);
        covert.log.TextFiles.check(file, covert.log.TextFiles.MAX_SPEC);
        try {
            Entry[] entries = YAML.readValue(file.toFile(), Entry[].class);
            if (entries == null) throw new UserError("series file " + file + " is empty");
            return new Series(List.of(entries));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getCause() instanceof UserError u ? u.getMessage() : covert.log.Json.problem(e);
            var loc = e.getLocation();
            throw new UserError("series " + file + (loc == null ? "" : ":" + loc.getLineNr()) + ": " + why
                    + " (expected a list of {model, checkpoint, step, phase, model_args})");
        } catch (IOException e) {
            throw new UserError("cannot read series " + file + ": " + e.getMessage());
        }
    }

    /** One run config per entry: the base config with the entry's model, its args over the base args, and its checkpoint. */
    public List<RunConfig> configs(RunConfig base) {
        var out = new ArrayList<RunConfig>();
        for (var e : entries) {
            var args = new LinkedHashMap<>(base.modelArgs());
            args.putAll(e.modelArgs());
            out.add(base.withModel(e.model(), args, e.toCheckpoint() == null ? base.checkpoint() : e.toCheckpoint()));
        }
        return out;
    }
}
