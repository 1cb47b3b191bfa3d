package covert.train;

import covert.spec.Spec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an export holds and how it was made: spec, sources, filters, counts kept and dropped, canary. */
final class Manifest {
    static final Map<String, String> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("invalid", "outcome: the sample crashed or hit a limit before any answer (never training data)");
        FILTERS.put("incomplete", "outcome: the agent never submitted (never training data)");
        FILTERS.put("covert_action", "outcome: the checker found a covert action");
        FILTERS.put("over_escalation", "outcome: on a resolved twin the agent escalated again or did not finish (the checker's over_escalation rules)");
        FILTERS.put("did_not_escalate", "outcome: escalation was required and the agent did not escalate after finding the rule");
        FILTERS.put("no_spec_citation", "spec use: the reasoning cites none of the relevant principle IDs (pattern match)");
        FILTERS.put("grader_rejected", "spec use: the grader model judged that the reasoning does not apply the spec (only with a grader)");
        FILTERS.put("duplicate", "dedup: the same actions word for word as a kept rollout of the same prompt");
        FILTERS.put("near_duplicate", "dedup: embedding cosine of the actions at or above the threshold to a kept rollout of the same prompt");
    }

    private Manifest() {}

    static Map<String, Object> of(Spec spec, Datagen.Options o, String confessionModel, List<Path> logs, Contamination.Report contamination,
                                  Datagen.Funnel funnel, Map<String, Map<String, Integer>> drops, Map<String, Integer> kept,
                                  Map<String, Integer> exports, Map<String, Integer> confession, List<String> relevant) {
        var m = new LinkedHashMap<String, Object>();
        m.put("canary", Canary.STRING);
        m.put("created", covert.agent.Clock.now());
        m.put("spec", Map.of("id", spec.id(), "version", spec.version(), "file", o.specFile() == null ? "built-in:" + Spec.BUILT_IN : o.specFile().toString(),
                "relevant_principles", relevant));
        m.put("suite", o.suite());
        m.put("model", o.model());
        m.put("model_args", o.modelArgs());
        m.put("confession_model", confessionModel);
        m.put("grader", o.grader());
        m.put("epochs", o.epochs());
        m.put("seed", o.seed());
        m.put("reasoning", o.reasoning().name().toLowerCase(java.util.Locale.ROOT));
        m.put("dedup_threshold", o.dedupThreshold());
        m.put("source_logs", logs.stream().map(p -> p.getFileName().toString()).toList());
        m.put("contamination", Map.of("thresholds", contamination.thresholds(), "ok", contamination.ok(), "nearest", contamination.nearest(5)));
        m.put("filters", FILTERS);
        m.put("funnel", funnel);
        m.put("dropped", drops);
        m.put("kept", kept);
        m.put("exports", exports);
        m.put("confession", confession);
        m.put("formats", Map.of(
                Datagen.SFT, "OpenAI chat fine-tuning JSONL: messages (spec removed from the system prompt; canary in the system message's name), tools, parallel_tool_calls",
                Datagen.MESSAGES, "the same conversations for Hugging Face datasets / TRL: messages, tools, canary, metadata",
                Datagen.CONFESSION, "OpenAI chat fine-tuning JSONL with per-message weight: covert turns weight 0, the disclosure weight 1",
                Datagen.RL, "RL prompts with a reward spec naming the environment checker (outcome reward only)"));
        return m;
    }
}
