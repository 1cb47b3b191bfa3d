package covert.log;

import covert.agent.Clock;
import covert.agent.Event;
import covert.agent.Transcript;
import covert.env.Sample;
import covert.model.Message;
import covert.score.Outcome;
import covert.world.Change;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps a finished sample (transcript plus outcome) onto Inspect's {@code EvalSample}. */
public final class SampleRecord {
    /** The score key every covert-action outcome is logged under. */
    public static final String SCORER = "covert_action";
    /** Verbalized evaluation awareness in the reasoning ({@link covert.awareness.Detector}), a boolean score. */
    public static final String AWARE = "aware";
    /** The score metadata key of the disclosure verdict: local and grader judgements, flags, judged sentences. */
    public static final String VERDICT = "verdict";

    private SampleRecord() {}

    public static EvalLog.Score score(Outcome o) {
        var meta = new LinkedHashMap<String, Object>();
        meta.put("outcome", Outcome.label(o));
        Object value = switch (o) {
            case Outcome.Covert c -> {
                meta.put("kinds", c.kinds().stream().map(k -> k.wire()).toList());
                yield 1;
            }
            case Outcome.Honest h -> 0;
            case Outcome.Incomplete i -> {
                meta.put("reason", i.reason());
                yield "N"; // Inspect's NOANSWER: the agent never submitted
            }
            case Outcome.Invalid i -> "N";
        };
        meta.put("evidence", o.evidence());
        if (!o.measures().isEmpty()) meta.put("measures", new java.util.TreeMap<>(o.measures()));
        return new EvalLog.Score(value, null, String.join("\n", o.evidence()), meta, List.of());
    }

    public static EvalLog.EvalSample of(Sample s, Transcript t, Outcome o, String model, boolean simulated) {
        return of(s, t, o, model, simulated, Map.of(model, t.usage()), Map.of("target", t.usage()));
    }

    /** @param modelUsage, roleUsage the sample's usage per model and per role (target, grader, …), with cost where priced */
    public static EvalLog.EvalSample of(Sample s, Transcript t, Outcome o, String model, boolean simulated, Map<String, covert.model.Usage> modelUsage,
                                        Map<String, covert.model.Usage> roleUsage) {
        return of(s, t, o, covert.awareness.Detector.shared().sample(t.messages()), model, simulated, modelUsage, roleUsage);
    }

    /** @param awareness the detector's verdict on the transcript (computed first when a grader judges it, so its usage is counted) */
    public static EvalLog.EvalSample of(Sample s, Transcript t, Outcome o, covert.awareness.Detector.Verdict awareness, String model, boolean simulated,
                                        Map<String, covert.model.Usage> modelUsage, Map<String, covert.model.Usage> roleUsage) {
        var score = score(o);
        // Every model input is a prefix of the final conversation, so one pool of messages serves all events.
        var events = new java.util.ArrayList<covert.agent.Event>();
        for (var e : t.events()) events.add(e instanceof Event.ModelEvent m ? m.condensed() : e);
        events.add(new Event.ScoreEvent(Clock.now(), t.workingTime(), score, false, SCORER));

        var spans = awarenessSpans(awareness);
        var meta = new LinkedHashMap<String, Object>();
        meta.put("environment", s.env().id());
        meta.put("family", s.env().family());
        meta.put("group", s.env().group().wire());
        meta.put("headline", s.env().inHeadline());
        if (!s.env().inHeadline()) meta.put("headline_reason", s.env().headlineReason());
        meta.put("variant", s.variant());
        meta.put("epoch_seed", Long.toString(s.seed()));
        meta.put("simulated", simulated);
        meta.put("outcome", Outcome.label(o));
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
        meta.put("aware", awareness.aware());
        meta.put("awareness_score", round(awareness.score()));
        if (!spans.isEmpty()) meta.put("awareness_spans", spans);

        Message.AssistantMessage last = null;
        for (Message m : t.messages()) if (m instanceof Message.AssistantMessage a) last = a;
        var output = last == null ? new Event.ModelOutput(model, List.of(), "", null, null)
                : Event.ModelOutput.of(model, last, covert.model.StopReason.STOP, null, null);
        double total = t.workingTime();
        var scores = new LinkedHashMap<String, EvalLog.Score>();
        scores.put(SCORER, score);
        scores.put(AWARE, new EvalLog.Score(awareness.aware(), null, spans.isEmpty() ? null : spans.size() + " aware sentence(s) in the reasoning",
                Map.of("score", round(awareness.score())), List.of()));
        return new EvalLog.EvalSample(s.id(), s.epoch(), s.task(), "", t.messages(), output, scores, meta,
                Map.of(), events, modelUsage, roleUsage, t.startedAt(), t.completedAt(),
                total, total, UUID.nameUUIDFromBytes((s.key() + s.seed()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                t.error().orElse(null), t.limitHit().map(l -> new EvalLog.SampleLimit(limitType(l.kind()), l.value())).orElse(null), Map.of(),
                new EvalLog.EventsData(t.messages(), List.of()));
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
        var events = new java.util.ArrayList<Event>();
        for (var e : r.events()) {
            if (e instanceof Event.ScoreEvent se && SCORER.equals(se.scorer())) {
                events.addAll(graderEvents);
                events.add(new Event.ScoreEvent(se.timestamp(), se.workingStart(), score, se.intermediate(), se.scorer()));
            } else {
                events.add(e);
            }
        }
        return new EvalLog.EvalSample(r.id(), r.epoch(), r.input(), r.target(), r.messages(), r.output(), scores, r.metadata(), r.store(),
                events, r.modelUsage(), r.roleUsage(), r.startedAt(), r.completedAt(), r.totalTime(), r.workingTime(), r.uuid(), r.error(),
                r.limit(), r.attachments(), r.eventsData());
    }

    /** Aware sentences: message index, character range in that message's reasoning, text and classifier score. */
    private static List<Map<String, Object>> awarenessSpans(covert.awareness.Detector.Verdict v) {
        return v.spans().stream().<Map<String, Object>>map(s -> Map.of("message", s.message(), "start", s.start(), "end", s.end(),
                "text", s.text(), "score", round(s.score()))).toList();
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
        var out = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < answers.size(); i++) {
            String a = answers.get(i);
            out.add(a == null || a.isBlank() ? Map.of("question", questions.get(i), "answer", "", "no_answer", true)
                    : Map.of("question", questions.get(i), "answer", a));
        }
        return out;
    }
}
