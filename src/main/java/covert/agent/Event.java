package covert.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import covert.model.Message;
import covert.model.ToolSpec;
import java.util.List;
import java.util.Map;

/**
 * What happened during a sample, in order, shaped like Inspect's transcript events (tagged by
 * {@code event}) so that the viewer can replay it. Timestamps are ISO-8601 with offset.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.ModelEvent.class, name = "model"),
    @JsonSubTypes.Type(value = Event.ToolEvent.class, name = "tool"),
    @JsonSubTypes.Type(value = Event.ScoreEvent.class, name = "score"),
    @JsonSubTypes.Type(value = Event.InfoEvent.class, name = "info"),
    @JsonSubTypes.Type(value = Event.ErrorEvent.class, name = "error")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Event {
    String timestamp();

    double workingStart();

    /**
     * One generation: the exact input, the tools offered and what came back. {@code role} is the model role.
     * In logs the input is condensed as Inspect does it: {@code input} is empty and {@code inputRefs} holds
     * [start, end) ranges into the sample's message pool ({@code events_data.messages}).
     */
    record ModelEvent(String timestamp, double workingStart, String model, String role, List<Message> input,
                      List<List<Integer>> inputRefs, List<ToolSpec> tools, String toolChoice, Map<String, Object> config,
                      ModelOutput output, String completed, double workingTime) implements Event {
        /** This event with its input replaced by a reference to the first {@code n} messages of the pool. */
        public ModelEvent condensed() {
            return new ModelEvent(timestamp, workingStart, model, role, List.of(), List.of(List.of(0, input.size())), tools, toolChoice,
                    config, output, completed, workingTime);
        }
    }

    /** One tool call and its result; {@code error} is Inspect's ToolCallError when the call failed. */
    record ToolEvent(String timestamp, double workingStart, String type, String id, String function,
                     Map<String, Object> arguments, String result, List<Event> events, Message.ToolError error,
                     String completed, double workingTime) implements Event {}

    record ScoreEvent(String timestamp, double workingStart, Object score, boolean intermediate, String scorer) implements Event {}

    record InfoEvent(String timestamp, double workingStart, String source, Object data) implements Event {}

    record ErrorEvent(String timestamp, double workingStart, EvalError error) implements Event {}

    /** Inspect's {@code EvalError}. */
    record EvalError(String message, String traceback, String tracebackAnsi) {}

    /** Inspect's {@code ModelOutput} with one choice. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelOutput(String model, List<Choice> choices, String completion, covert.model.Usage usage, Double time) {
        public static ModelOutput of(String model, Message.AssistantMessage m, covert.model.StopReason stop, covert.model.Usage usage, Double time) {
            return new ModelOutput(model, List.of(new Choice(m, stop)), m.text(), usage, time);
        }
    }

    record Choice(Message.AssistantMessage message, covert.model.StopReason stopReason) {}
}
