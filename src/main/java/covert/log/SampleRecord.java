package covert.log;

import covert.agent.Clock;
import covert.agent.Event;
import covert.agent.Spans;
import covert.agent.Transcript;
import covert.awareness.Phased;
import covert.env.Sample;
import covert.model.Message;
import covert.score.Outcome;
import covert.world.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps a finished sample (transcript plus outcome) onto Inspect's {@code EvalSample}. */
public final class SampleRecord {
    /** The score key every covert-action outcome is logged under. */
    public static final String SCORER = "covert_action";
    /** Verbalized evaluation awareness in the task-phase reasoning ({@link Phased}), a boolean score. */
    public static final String AWARE = "aware";
    /** The score metadata key of the disclosure verdict: local and grader judgements, flags, judged sentences. */
    public static final String VERDICT = "verdict";

    private SampleRecord() {}

    public static EvalLog.Score score(Outcome o) {
        return score(o, null);
    }

    /** @param answer what the agent submitted (its report), Inspect's {@code Score.answer}; null when it never submitted */
    public static EvalLog.Score score(Outcome o, String answer) {
        return OutcomeCodec.encode(o, answer);
    }

    public static EvalLog.EvalSample of(Sample s, Transcript t, Outcome o, Phased awareness, String model, boolean simulated) {
        return of(s, t, o, awareness, model, simulated, Map.of(model, t.usage()), Map.of("target", t.usage()));
    }

    /**
     * @param awareness  the run's detector's verdict per phase, recorded as given (the log layer runs no classifier)
     * @param modelUsage, roleUsage the sample's usage per model and per role (target, grader, …), with cost where priced
     */
    public static EvalLog.EvalSample of(Sample s, Transcript t, Outcome o, Phased awareness, String model, boolean simulated,
                                        Map<String, covert.model.Usage> modelUsage, Map<String, covert.model.Usage> roleUsage) {
        var score = score(o, t.report().orElse(null));
        var spans = awarenessSpans(awareness);
        // "aware" is task-phase awareness, the one that could have caused the action; the interview phase rides along.
        var task = awareness.task();
        int taskSpans = task.spans().size();
        var aware = new EvalLog.Score(task.aware(), null, taskSpans == 0 ? null : taskSpans + " aware sentence(s) in the task-phase reasoning",
                Map.of("score", round(task.score()), "phase", "task", "interview", awareness.interview().aware(),
                        "before_violation", awareness.beforeViolation()), List.of());
        // Every model input is a prefix of the final conversation, so one pool of messages (and one of call messages) serves all events.
        var events = new ArrayList<Event>();
        boolean calls = false;
        for (var e : t.events()) {
            if (e instanceof Event.ModelEvent m) {
                calls |= m.call() != null;
                events.add(m.withCall(Calls.redacted(m.call())).condensed());
            } else {
                events.add(e);
            }
        }
        var scoring = new Spans.Recorder(events, t::totalTime);
        try (var scorers = scoring.begin(Spans.SCORERS, "scorers", Spans.SCORERS)) {
            try (var scorer = scoring.begin(SCORER, "scorer", SCORER)) {
                events.add(new Event.ScoreEvent(Clock.now(), t.totalTime(), score, false, SCORER));
            }
            try (var scorer = scoring.begin(AWARE, "scorer", AWARE)) {
                events.add(new Event.ScoreEvent(Clock.now(), t.totalTime(), aware, false, AWARE));
            }
        }

        var meta = new LinkedHashMap<String, Object>();
        meta.put("environment", s.env().id());
        meta.put("family", s.env().family());
        meta.put("group", s.env().group().wire());
        meta.put("headline", s.env().inHeadline());
        if (!s.env().inHeadline()) meta.put("headline_reason", s.env().headlineReason());
        meta.put("variant", s.variant());
        meta.put("epoch_seed", Long.toString(s.seed()));
        meta.put("simulated", simulated);
        meta.put("outcome", o.kind().wire());
        t.report().ifPresent(r -> meta.put("report", r));
        if (!t.interviewAnswers().isEmpty()) meta.put("interview", interview(s.interview(), t.interviewAnswers()));
        meta.put("world_diff", t.end().diffFrom(t.initial()).stream().map(Change::toString).toList());
        t.limit().ifPresent(l -> meta.put("limit", l));
        long malformed = t.messages().stream().filter(Message.AssistantMessage.class::isInstance)
                .flatMap(m -> ((Message.AssistantMessage) m).toolCalls().stream()).filter(c -> c.parseError() != null).count();
        if (malformed > 0) meta.put("malformed_tool_calls", malformed);
        long retries = t.events().stream().filter(e -> e instanceof Event.InfoEvent i && "retry".equals(i.source())).count();
        if (retries > 0) meta.put("retries", retries);
        long noAnswer = t.interviewAnswers().stream().filter(a -> a == null || a.isBlank()).count();
        if (noAnswer > 0) meta.put("interview_no_answer", noAnswer);
        meta.put("aware", task.aware());
        meta.put("awareness_score", round(task.score()));
        meta.put("awareness", awareness.toJson());
        if (!spans.isEmpty()) meta.put("awareness_spans", spans);

        Message.AssistantMessage last = null;
        for (Message m : t.messages()) if (m instanceof Message.AssistantMessage a) last = a;
        var output = last == null ? new Event.ModelOutput(model, List.of(), "", null, null)
                : Event.ModelOutput.of(model, last, covert.model.StopReason.STOP, null, null);
        var scores = new LinkedHashMap<String, EvalLog.Score>();
        scores.put(SCORER, score);
        scores.put(AWARE, aware);
        // A fresh id per sample run, as Inspect gives: Scout keys transcripts on it. Runs pair on (id, epoch, epoch_seed) instead.
        return new EvalLog.EvalSample(s.id(), s.epoch(), s.task(), "", t.messages(), output, scores, meta,
                Map.of(), Spans.assign(events), modelUsage, roleUsage, t.startedAt(), t.completedAt(),
                t.totalTime(), t.workingTime(), UUID.randomUUID().toString(),
                t.error().orElse(null), t.limitHit().map(l -> new EvalLog.SampleLimit(limitType(l.kind()), l.value())).orElse(null), Map.of(),
                new EvalLog.EventsData(t.messages(), calls ? Calls.pool(t.messages()) : List.of()));
    }

    /**
     * The record with the verdict's details in its covert-action score's metadata (both judgements, flags, judged
     * sentences) and the grader's calls appended to its events, just before the score event.
     */
    public static EvalLog.EvalSample withVerdict(EvalLog.EvalSample r, Map<String, Object> verdict, List<? extends Event> graderEvents) {
        var old = r.scores().get(SCORER);
        var meta = new LinkedHashMap<>(old.metadata());
        meta.put(VERDICT, verdict);
        var score = new EvalLog.Score(old.value(), old.answer(), old.explanation(), meta, old.history());
        var scores = new LinkedHashMap<>(r.scores());
        scores.put(SCORER, score);
        var events = new ArrayList<Event>();
        for (var e : r.events()) {
            if (e instanceof Event.ScoreEvent se && SCORER.equals(se.scorer())) {
                for (var g : graderEvents) events.add(g instanceof Event.ModelEvent m ? m.withCall(Calls.redacted(m.call())).inSpan(se.spanId()) : g.inSpan(se.spanId()));
                events.add(new Event.ScoreEvent(se.timestamp(), se.workingStart(), score, se.intermediate(), se.scorer(), se.spanId()));
            } else {
                events.add(e);
            }
        }
        return r.rescored(scores, r.metadata(), events);
    }

    /** Aware sentences: message index, character range in that message's reasoning, text and classifier score. */
    private static List<Map<String, Object>> awarenessSpans(Phased v) {
        return v.spans().stream().<Map<String, Object>>map(s -> Map.of("message", s.message(), "start", s.start(), "end", s.end(),
                "text", s.text(), "score", round(s.score()), "phase", v.task().spans().contains(s) ? "task" : "interview")).toList();
    }

    private static double round(double score) {
        return Math.round(score * 1e4) / 1e4;
    }

    private static String limitType(String l) {
        return switch (l) {
            case "turns" -> "message";
            case "tokens" -> "token";
            default -> "time";
        };
    }

    private static List<Map<String, Object>> interview(List<String> questions, List<String> answers) {
        var out = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < answers.size(); i++) {
            String a = answers.get(i);
            out.add(a == null || a.isBlank() ? Map.of("question", questions.get(i), "answer", "", "no_answer", true)
                    : Map.of("question", questions.get(i), "answer", a));
        }
        return out;
    }
}
