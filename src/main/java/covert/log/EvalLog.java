package covert.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import covert.agent.Event;
import covert.model.Message;
import covert.model.Usage;
import java.util.List;
import java.util.Map;

/**
 * Inspect AI's eval log, field for field. Component order matters: Inspect's header reader stops at
 * {@code samples}, so every header field comes before it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalLog(
        int version,
        String status,
        EvalSpec eval,
        EvalPlan plan,
        EvalResults results,
        EvalStats stats,
        Event.EvalError error,
        boolean invalidated,
        List<String> tags,
        Map<String, Object> metadata,
        List<EvalSample> samples,
        List<Reduction> reductions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvalSpec(String evalId, String runId, String created, String task, String taskId, int taskVersion,
                           Map<String, Object> taskAttribs, Map<String, Object> taskArgs, Map<String, Object> taskArgsPassed,
                           Dataset dataset, String model, Map<String, Object> modelGenerateConfig, Map<String, Object> modelArgs,
                           Map<String, Object> config, Revision revision, Map<String, String> packages,
                           List<Map<String, Object>> scorers, Map<String, Object> metadata, SandboxEnvironment sandbox) {
        public EvalSpec(String evalId, String runId, String created, String task, String taskId, int taskVersion,
                        Map<String, Object> taskAttribs, Map<String, Object> taskArgs, Map<String, Object> taskArgsPassed,
                        Dataset dataset, String model, Map<String, Object> modelGenerateConfig, Map<String, Object> modelArgs,
                        Map<String, Object> config, Revision revision, Map<String, String> packages,
                        List<Map<String, Object>> scorers, Map<String, Object> metadata) {
            this(evalId, runId, created, task, taskId, taskVersion, taskAttribs, taskArgs, taskArgsPassed, dataset, model, modelGenerateConfig,
                    modelArgs, config, revision, packages, scorers, metadata, null);
        }
    }

    /** Inspect's {@code SandboxEnvironmentSpec}: which backend ran the agent's commands, and how. */
    public record SandboxEnvironment(String type, Object config) {}

    public record Dataset(String name, int samples, List<String> sampleIds, boolean shuffled) {}

    public record Revision(String type, String origin, String commit, boolean dirty) {}

    public record EvalPlan(String name, List<PlanStep> steps, Map<String, Object> config) {}

    public record PlanStep(String solver, Map<String, Object> params, Map<String, Object> paramsPassed) {}

    /** @param metadata run-level figures that are not scores, e.g. the retries the middleware made (null when none) */
    public record EvalResults(int totalSamples, int completedSamples, List<EvalScore> scores, Map<String, Object> metadata) {
        public EvalResults(int totalSamples, int completedSamples, List<EvalScore> scores) {
            this(totalSamples, completedSamples, scores, null);
        }
    }

    public record EvalScore(String name, String scorer, int scoredSamples, int unscoredSamples, Map<String, Object> params,
                            Map<String, Metric> metrics) {}

    public record Metric(String name, double value, Map<String, Object> params) {}

    public record EvalStats(String startedAt, String completedAt, Map<String, Usage> modelUsage, Map<String, Usage> roleUsage,
                            List<Object> connectionLimitHistory) {}

    /** Inspect's {@code LogStart}: what the journal's first line holds. */
    public record LogStart(int version, EvalSpec eval, EvalPlan plan) {}

    public record Reduction(String scorer, String reducer, List<ReducedScore> samples) {}

    public record ReducedScore(Object value, String explanation, List<Object> history, String sampleId) {}

    /** One sample in Inspect's {@code EvalSample} shape. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvalSample(String id, int epoch, String input, String target, List<Message> messages,
                             Event.ModelOutput output, Map<String, Score> scores, Map<String, Object> metadata,
                             Map<String, Object> store, List<Event> events, Map<String, Usage> modelUsage,
                             Map<String, Usage> roleUsage, String startedAt, String completedAt, Double totalTime,
                             Double workingTime, String uuid, Event.EvalError error, SampleLimit limit,
                             Map<String, Object> attachments, EventsData eventsData) {
        /** This sample re-scored: new scores, metadata and events, the transcript and everything else as it was. */
        public EvalSample rescored(Map<String, Score> newScores, Map<String, Object> newMetadata, List<Event> newEvents) {
            return new EvalSample(id, epoch, input, target, messages, output, newScores, newMetadata, store, newEvents, modelUsage, roleUsage,
                    startedAt, completedAt, totalTime, workingTime, uuid, error, limit, attachments, eventsData);
        }
    }

    /** Inspect's pooled event data: model events refer to ranges of {@code messages} instead of repeating them. */
    public record EventsData(List<Message> messages, List<Object> calls) {}

    /** Inspect's {@code Score}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(Object value, String answer, String explanation, Map<String, Object> metadata, List<Object> history) {}

    public record SampleLimit(String type, double limit) {}
}
