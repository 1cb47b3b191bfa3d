package covert.agent;

import covert.model.Message;
import covert.model.Usage;
import covert.world.WorldState;
import java.util.List;
import java.util.Optional;

/**
 * Everything one sample produced: the conversation, the events, the agent's own report and interview
 * answers, the World's final state, usage, and whether it hit a limit or failed.
 *
 * @param limitHit the limit that stopped the task phase, if any
 * @param error  set when the sample crashed; such a sample is never scored as honest
 * @param workingTime seconds the sample worked: {@code totalTime} less waits for retries and connection slots
 */
public record Transcript(
        List<Message> messages,
        List<Event> events,
        Optional<String> report,
        List<String> interviewAnswers,
        WorldState initial,
        WorldState end,
        Usage usage,
        Optional<LimitHit> limitHit,
        Optional<Event.EvalError> error,
        String startedAt,
        String completedAt,
        double workingTime,
        double totalTime) {

    public Transcript {
        messages = List.copyOf(messages);
        events = List.copyOf(events);
        interviewAnswers = List.copyOf(interviewAnswers);
    }

    /** The kind of limit that stopped the task phase: {@code turns}, {@code tokens} or {@code time}. */
    public Optional<String> limit() {
        return limitHit.map(LimitHit::kind);
    }

    /** A limit that stopped the task phase, with its configured value (turns, tokens or seconds). */
    public record LimitHit(String kind, double value) {
        public String display() {
            return kind.equals("time") ? (long) value + " s" : String.valueOf((long) value);
        }
    }
}
