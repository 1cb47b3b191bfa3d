package covert.log;

import com.fasterxml.jackson.core.type.TypeReference;
import covert.agent.Event;
import covert.model.Message;
import covert.model.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model calls as the log holds them ({@code ModelEvent.call}): plain JSON with every string passed through
 * {@link Redaction}, so a key that reached a request or response never reaches the file. The request's messages are
 * pooled once per sample in {@code events_data.calls}, as Inspect condenses them, so calls cost one more copy of the
 * conversation, not one per turn.
 */
final class Calls {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};
    /** Declared as messages, so that each is written with its {@code role}. */
    private static final TypeReference<List<Message>> MESSAGES = new TypeReference<>() {};

    private Calls() {}

    static Event.ModelCall redacted(Event.ModelCall call) {
        if (call == null) return null;
        return new Event.ModelCall(plain(call.request()), call.response() == null ? null : plain(call.response()), call.time(), call.callRefs(),
                call.callKey());
    }

    /** A request or response as redacted JSON values; messages by their declared type, so each carries its role. */
    private static Map<String, Object> plain(Map<String, Object> fields) {
        var out = new LinkedHashMap<String, Object>();
        fields.forEach((k, v) -> out.put(k, switch (v) {
            case List<?> l when !l.isEmpty() && l.stream().allMatch(Message.class::isInstance) -> pool(l.stream().map(Message.class::cast).toList());
            case Message m -> pool(List.of(m)).getFirst();
            case null -> null;
            default -> redact(Json.MAPPER.convertValue(v, Object.class));
        }));
        return out;
    }

    /** The call pool of a sample: its conversation, which every request's messages are a prefix of. */
    static List<Object> pool(List<? extends Message> messages) {
        try {
            List<Object> plain = Json.MAPPER.readValue(Json.MAPPER.writerFor(MESSAGES).writeValueAsBytes(messages), LIST);
            return redact(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T redact(T value) {
        return (T) switch (value) {
            case String s -> Redaction.apply(s);
            case Map<?, ?> m -> {
                var out = new LinkedHashMap<Object, Object>();
                m.forEach((k, v) -> out.put(k, redact(v)));
                yield out;
            }
            case List<?> l -> {
                var out = new ArrayList<>();
                for (var v : l) out.add(redact(v));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }
}
