package covert.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Inspect's transcript spans. Inspect's outline, timeline and span-based Scout scanners group events by
 * {@code span_id}, so every event of a logged sample names the innermost span that was open when it happened.
 */
public final class Spans {
    /** The phases Inspect's timeline partitions a sample into, by these exact names. */
    public static final String INIT = "init", SOLVERS = "solvers", SCORERS = "scorers";

    private Spans() {}

    /**
     * The events with {@code span_id} set from the begin and end markers around them, as Inspect sets it: a span's
     * own begin and end events carry its id, every other event the id of the innermost open span (none outside all
     * spans). An event that already names its span keeps it.
     */
    public static List<Event> assign(List<? extends Event> events) {
        var open = new ArrayDeque<String>();
        var out = new ArrayList<Event>(events.size());
        for (Event e : events) {
            switch (e) {
                case Event.SpanBeginEvent b -> {
                    open.push(b.id());
                    out.add(b.inSpan(b.id()));
                }
                case Event.SpanEndEvent end -> {
                    out.add(end.inSpan(end.id()));
                    open.remove(end.id());
                }
                default -> out.add(e.spanId() != null || open.isEmpty() ? e : e.inSpan(open.peek()));
            }
        }
        return out;
    }

    /** Adds span begin and end events to a list, keeping the nesting. */
    public static final class Recorder {
        private final List<Event> events;
        private final DoubleSupplier elapsed;
        private final ArrayDeque<String> open = new ArrayDeque<>();

        /** @param elapsed the sample's working seconds so far, for each marker's {@code working_start} */
        public Recorder(List<Event> events, DoubleSupplier elapsed) {
            this.events = events;
            this.elapsed = elapsed;
        }

        /** An open span; closing it records its end, once. */
        public interface Span extends AutoCloseable {
            @Override
            void close();
        }

        /** Opens span {@code id} (unique in the sample) inside the innermost open one. */
        public Span begin(String id, String type, String name) {
            events.add(new Event.SpanBeginEvent(Clock.now(), elapsed.getAsDouble(), id, open.peek(), type, name, null));
            open.push(id);
            return () -> {
                if (open.remove(id)) events.add(new Event.SpanEndEvent(Clock.now(), elapsed.getAsDouble(), id, null));
            };
        }
    }
}
