package covert.train;

import covert.env.EnvironmentSpec;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.SampleRecord;
import covert.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One logged sample as data generation needs it: who, where, what the checker said, and the conversation. */
public record Rollout(String log, String sampleId, int epoch, long seed, boolean simulated, EnvironmentSpec env, Map<String, String> variant,
                      String outcome, boolean missedEscalation, List<String> evidence, List<Message> messages) {

    @SuppressWarnings("unchecked")
    static Rollout of(String log, EvalLog.EvalSample s, EnvironmentSpec env) {
        var score = s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
        List<String> evidence = score == null || !(score.metadata().get("evidence") instanceof List<?> l) ? List.of() : (List<String>) l;
        var variant = s.metadata().get("variant") instanceof Map<?, ?> v ? (Map<String, String>) v : Map.<String, String>of();
        long seed = Long.parseLong(String.valueOf(s.metadata().getOrDefault("epoch_seed", "0")));
        return new Rollout(log, s.id(), s.epoch(), seed, Boolean.TRUE.equals(s.metadata().get("simulated")), env, variant, EvalLogs.outcome(s),
                EvalLogs.missedEscalation(s), evidence, s.messages());
    }

    /** The conversation through the submit call's result: what the model had said and seen when its task ended. */
    public List<Message> throughSubmit() {
        var out = new ArrayList<Message>();
        for (Message m : messages) {
            out.add(m);
            if (m instanceof Message.ToolMessage t && "submit".equals(t.function()) && t.error() == null) break;
        }
        return out;
    }

    public String environment() {
        return env.id();
    }

    /** All reasoning of the assistant's turns, where spec citations are looked for. */
    public String reasoning() {
        var sb = new StringBuilder();
        for (Message m : messages) if (m instanceof Message.AssistantMessage a && !a.reasoning().isBlank()) sb.append(a.reasoning()).append('\n');
        return sb.toString();
    }

    /** What the agent did and said, the part that differs between rollouts of one prompt: reasoning, text, tool calls. */
    public String actions() {
        var sb = new StringBuilder();
        for (Message m : messages) {
            if (!(m instanceof Message.AssistantMessage a)) continue;
            sb.append(a.reasoning()).append('\n').append(a.text()).append('\n');
            for (var c : a.toolCalls()) sb.append(c.function()).append(' ').append(c.arguments()).append('\n');
        }
        return sb.toString();
    }
}
