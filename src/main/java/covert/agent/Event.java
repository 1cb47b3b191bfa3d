package covert.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.StopReason;
import covert.model.ToolSpec;
import covert.model.Usage;
import java.util.LinkedHashMap;
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
    @JsonSubTypes.Type(value = Event.ErrorEvent.class, name = "error"),
    @JsonSubTypes.Type(value = Event.SampleInitEvent.class, name = "sample_init"),
    @JsonSubTypes.Type(value = Event.SpanBeginEvent.class, name = "span_begin"),
    @JsonSubTypes.Type(value = Event.SpanEndEvent.class, name = "span_end"),
    @JsonSubTypes.Type(value = Event.ScoreEditEvent.class, name = "score_edit")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Event {
    String timestamp();

    double workingStart();

    /** The innermost span this event happened in (Inspect's {@code span_id}); null until {@link Spans#assign} sets it. */
    String spanId();

    /** This event inside span {@code id}. */
    Event inSpan(String id);

    /**
     * One generation: the exact input, the tools offered and what came back. {@code role} is the model role.
     * In logs the input is condensed as Inspect does it: {@code input} is empty and {@code inputRefs} holds
     * [start, end) ranges into the sample's message pool ({@code events_data.messages}).
     */
    record ModelEvent(String timestamp, double workingStart, String model, String role, List<Message> input,
                      List<List<Integer>> inputRefs, List<ToolSpec> tools, String toolChoice, Map<String, Object> config,
                      ModelOutput output, String completed, double workingTime, ModelCall call, String spanId) implements Event {
        public ModelEvent(String timestamp, double workingStart, String model, String role, List<Message> input,
                          List<List<Integer>> inputRefs, List<ToolSpec> tools, String toolChoice, Map<String, Object> config,
                          ModelOutput output, String completed, double workingTime) {
            this(timestamp, workingStart, model, role, input, inputRefs, tools, toolChoice, config, output, completed, workingTime, null, null);
        }

        /**
         * This event with its input replaced by a reference to the first {@code n} messages of the pool, and its call's
         * messages likewise by a reference into the call pool (which holds the same conversation).
         */
        public ModelEvent condensed() {
            var refs = List.of(List.of(0, input.size()));
            return new ModelEvent(timestamp, workingStart, model, role, List.of(), refs, tools, toolChoice,
                    config, output, completed, workingTime, call == null ? null : call.condensed(refs), spanId);
        }

        public ModelEvent withCall(ModelCall c) {
            return new ModelEvent(timestamp, workingStart, model, role, input, inputRefs, tools, toolChoice, config, output, completed,
                    workingTime, c, spanId);
        }

        @Override
        public ModelEvent inSpan(String id) {
            return new ModelEvent(timestamp, workingStart, model, role, input, inputRefs, tools, toolChoice, config, output, completed,
                    workingTime, call, id);
        }
    }

    /**
     * Inspect's {@code ModelCall}: the request as sent and the response as received. In logs the request's
     * {@code messages} are condensed to {@code callRefs} ranges into {@code events_data.calls} under {@code callKey}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelCall(Map<String, Object> request, Map<String, Object> response, Double time, List<List<Integer>> callRefs, String callKey) {
        /**
         * A call in Covert's provider-neutral form: the model, messages, tools and settings it was given, and the message,
         * stop reason and usage it returned. HTTP headers (where keys travel) are never part of it; the log layer redacts
         * any key-shaped text in it before writing ({@link covert.model.Redaction}).
         */
        public static ModelCall of(String model, List<Message> input, List<ToolSpec> tools, String toolChoice, GenerateConfig config,
                                   Generation g, double time) {
            var request = new LinkedHashMap<String, Object>();
            request.put("model", model);
            request.put("messages", input);
            request.put("tools", tools);
            request.put("tool_choice", toolChoice);
            request.put("config", config);
            var response = new LinkedHashMap<String, Object>();
            response.put("message", g.message());
            response.put("stop_reason", g.stopReason());
            response.put("usage", g.usage());
            return new ModelCall(request, response, time, null, null);
        }

        ModelCall condensed(List<List<Integer>> refs) {
            if (callRefs != null || !request.containsKey("messages")) return this;
            var rest = new LinkedHashMap<>(request);
            rest.remove("messages");
            return new ModelCall(rest, response, time, refs, "messages");
        }
    }

    /** One tool call and its result; {@code error} is Inspect's ToolCallError when the call failed. */
    record ToolEvent(String timestamp, double workingStart, String type, String id, String function,
                     Map<String, Object> arguments, String result, List<Event> events, Message.ToolError error,
                     String completed, double workingTime, String spanId) implements Event {
        public ToolEvent(String timestamp, double workingStart, String type, String id, String function, Map<String, Object> arguments,
                         String result, List<Event> events, Message.ToolError error, String completed, double workingTime) {
            this(timestamp, workingStart, type, id, function, arguments, result, events, error, completed, workingTime, null);
        }

        @Override
        public ToolEvent inSpan(String span) {
            return new ToolEvent(timestamp, workingStart, type, id, function, arguments, result, events, error, completed, workingTime, span);
        }
    }

    record ScoreEvent(String timestamp, double workingStart, Object score, boolean intermediate, String scorer, String spanId) implements Event {
        public ScoreEvent(String timestamp, double workingStart, Object score, boolean intermediate, String scorer) {
            this(timestamp, workingStart, score, intermediate, scorer, null);
        }

        @Override
        public ScoreEvent inSpan(String id) {
            return new ScoreEvent(timestamp, workingStart, score, intermediate, scorer, id);
        }
    }

    /** Inspect's {@code ScoreEditEvent}: a score changed after scoring, {@code edit} being the {@code ScoreEdit} it got. */
    record ScoreEditEvent(String timestamp, double workingStart, String scoreName, Object edit, String spanId) implements Event {
        @Override
        public ScoreEditEvent inSpan(String id) {
            return new ScoreEditEvent(timestamp, workingStart, scoreName, edit, id);
        }
    }

    record InfoEvent(String timestamp, double workingStart, String source, Object data, String spanId) implements Event {
        public InfoEvent(String timestamp, double workingStart, String source, Object data) {
            this(timestamp, workingStart, source, data, null);
        }

        @Override
        public InfoEvent inSpan(String id) {
            return new InfoEvent(timestamp, workingStart, source, data, id);
        }
    }

    record ErrorEvent(String timestamp, double workingStart, EvalError error, String spanId) implements Event {
        public ErrorEvent(String timestamp, double workingStart, EvalError error) {
            this(timestamp, workingStart, error, null);
        }

        @Override
        public ErrorEvent inSpan(String id) {
            return new ErrorEvent(timestamp, workingStart, error, id);
        }
    }

    /** Inspect's {@code SampleInitEvent}: the sample as the task began ({@code sample} is Inspect's {@code Sample}). */
    record SampleInitEvent(String timestamp, double workingStart, InitSample sample, Map<String, Object> state, String spanId)
            implements Event {
        @Override
        public SampleInitEvent inSpan(String id) {
            return new SampleInitEvent(timestamp, workingStart, sample, state, id);
        }
    }

    /** Inspect's {@code Sample}: what the task gave the agent. */
    record InitSample(String id, List<Message> input, String target, Map<String, Object> metadata) {}

    /** The start of a span: a phase ({@code init}, {@code solvers}, {@code scorers}), a turn, the interview, one scorer. */
    record SpanBeginEvent(String timestamp, double workingStart, String id, String parentId, String type, String name, String spanId)
            implements Event {
        @Override
        public SpanBeginEvent inSpan(String span) {
            return new SpanBeginEvent(timestamp, workingStart, id, parentId, type, name, span);
        }
    }

    record SpanEndEvent(String timestamp, double workingStart, String id, String spanId) implements Event {
        @Override
        public SpanEndEvent inSpan(String span) {
            return new SpanEndEvent(timestamp, workingStart, id, span);
        }
    }

    /** Inspect's {@code EvalError}. */
    record EvalError(String message, String traceback, String tracebackAnsi) {}

    /** Inspect's {@code ModelOutput} with one choice. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelOutput(String model, List<Choice> choices, String completion, Usage usage, Double time) {
        public static ModelOutput of(String model, Message.AssistantMessage m, StopReason stop, Usage usage, Double time) {
            return new ModelOutput(model, List.of(new Choice(m, stop)), m.text(), usage, time);
        }
    }

    record Choice(Message.AssistantMessage message, StopReason stopReason) {}
}
