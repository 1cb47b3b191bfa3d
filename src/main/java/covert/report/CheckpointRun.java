package covert.report;

import covert.score.Outcome;
import covert.model.Checkpoint;
import java.util.List;
import java.util.Map;

/**
 * What a trend needs of one run: where the model sits in training and, per sample, the outcomes that are
 * followed across checkpoints. Samples are light (a few numbers each), so long series of large runs fit in memory.
 *
 * @param source     the log file, or {@code store:run_id}
 * @param checkpoint from the log's {@code eval.metadata.checkpoint}; null when the run recorded none
 */
public record CheckpointRun(String source, String model, Checkpoint checkpoint, boolean simulated, String created, List<Obs> samples) {

    /** The tracked values: the covert outcome, awareness, spec citation, user-chosen scores. */
    public static final String AWARE = "aware", CITATION = "spec_citation";

    /**
     * One sample.
     *
     * @param key    sample id, epoch and epoch seed: the same key at two checkpoints is the same sample, paired
     * @param values per metric 1/0 (or any number for a numeric score); a metric is absent when the sample lacks it
     *               (spec citation without any reasoning, a score the sample does not have)
     */
    public record Obs(String key, String env, String group, boolean headline, Outcome.Kind outcome, Map<String, Double> values) {
        public boolean valid() {
            return outcome.rated();
        }
    }

    public CheckpointRun {
        samples = List.copyOf(samples);
    }

    public String label() {
        return checkpoint == null ? model : checkpoint.name();
    }

    /** A score value as a number: booleans and Inspect's C/I as 1/0, numbers as they are, anything else absent. */
    static Double numeric(Object v) {
        Boolean b = Conditional.truth(v);
        if (b != null) return b ? 1.0 : 0.0;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
