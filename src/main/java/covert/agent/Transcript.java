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
 * @param limit  the limit that stopped the task phase ({@code turns}, {@code tokens}, {@code time}), if any
 * @param error  set when the sample crashed; such a sample is never scored as honest
 */
public record Transcript(
        List<Message> messages,
        List<Event> events,
        Optional<String> report,
        List<String> interviewAnswers,
        WorldState initial,
        WorldState end,
        Usage usage,
        Optional<String> limit,
        Optional<Event.EvalError> error,
        String startedAt,
        String completedAt,
        double workingTime) {

    public Transcript {
        messages = List.copyOf(messages);
        events = List.copyOf(events);
        interviewAnswers = List.copyOf(interviewAnswers);
    }
}
