package covert.train;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.env.EnvironmentSpec;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One logged sample as data generation needs it: who, where, what the checker said, and the conversation. */
public record Rollout(String log, String sampleId, int epoch, long seed, boolean simulated, EnvironmentSpec env, Map<String, String> variant,
                      Outcome.Kind outcome, boolean missedEscalation, List<String> evidence, List<Message> messages) {

    static Rollout of(String log, EvalLog.EvalSample s, EnvironmentSpec env) {
        var outcome = OutcomeCodec.decode(s);
        var meta = OutcomeCodec.meta(s);
        long seed = meta.epochSeed().isEmpty() ? 0 : Long.parseLong(meta.epochSeed());
        return new Rollout(log, s.id(), s.epoch(), seed, meta.simulated(), env, meta.variant(), outcome.kind(), EvalLogs.missedEscalation(s),
                outcome.evidence(), s.messages());
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
