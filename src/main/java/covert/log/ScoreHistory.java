package covert.log;

import covert.agent.Clock;
import covert.agent.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Score edits as Inspect records them. A score changed after scoring (a counterfactual re-score, a reviewer's
 * decision) keeps its past in {@code Score.history}: the first edit appends the original as a {@code ScoreEdit}
 * without provenance, every edit appends a {@code ScoreEdit} with its {@code provenance}. The sample's score event
 * for that scorer shows the edited score, and a {@code score_edit} event records the edit in the transcript.
 */
public final class ScoreHistory {
    /** Who changed a score, when and why (Inspect's {@code ProvenanceData}). */
    public record Provenance(String timestamp, String author, String reason, Map<String, Object> metadata) {
        public Map<String, Object> toJson() {
            var m = new LinkedHashMap<String, Object>();
            m.put("timestamp", timestamp);
            m.put("author", author);
            m.put("reason", reason);
            m.put("metadata", metadata == null ? Map.of() : metadata);
            return m;
        }
    }

    private ScoreHistory() {}

    /** {@code old} edited to the given value, explanation and metadata, its history extended by the edit. */
    public static EvalLog.Score edit(EvalLog.Score old, Object value, String explanation, Map<String, Object> metadata, Provenance p) {
        var history = new ArrayList<Object>(old.history() == null ? List.of() : old.history());
        if (history.isEmpty()) history.add(scoreEdit(old.value(), old.explanation(), old.metadata(), null));
        history.add(scoreEdit(value, explanation, metadata, p.toJson()));
        return new EvalLog.Score(value, old.answer(), explanation, metadata, history);
    }

    /**
     * The sample with {@code scorer}'s score replaced by {@code edited} (made by {@link #edit}), its score event
     * likewise, a {@code score_edit} event appended, and the sample metadata's {@code outcome} set to the edited one.
     */
    public static EvalLog.EvalSample apply(EvalLog.EvalSample s, String scorer, EvalLog.Score edited) {
        var scores = new LinkedHashMap<>(s.scores());
        scores.put(scorer, edited);
        var meta = new LinkedHashMap<>(s.metadata());
        if (edited.metadata() != null && edited.metadata().containsKey("outcome")) meta.put("outcome", edited.metadata().get("outcome"));
        var events = new ArrayList<Event>();
        double last = 0;
        for (var e : s.events() == null ? List.<Event>of() : s.events()) {
            last = Math.max(last, e.workingStart());
            events.add(e instanceof Event.ScoreEvent se && scorer.equals(se.scorer())
                    ? new Event.ScoreEvent(se.timestamp(), se.workingStart(), edited, se.intermediate(), se.scorer(), se.spanId()) : e);
        }
        if (!events.isEmpty()) events.add(new Event.ScoreEditEvent(Clock.now(), last, scorer, edited.history().getLast(), null));
        return s.rescored(scores, meta, events);
    }

    private static Map<String, Object> scoreEdit(Object value, String explanation, Map<String, Object> metadata, Map<String, Object> provenance) {
        var m = new LinkedHashMap<String, Object>();
        m.put("value", value);
        m.put("answer", "UNCHANGED");
        m.put("explanation", explanation);
        m.put("metadata", metadata == null ? Map.of() : metadata);
        m.put("provenance", provenance);
        return m;
    }
}
