package covert.log;

import covert.env.CovertKind;
import covert.score.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place where an outcome meets the log: {@link Outcome} to the covert-action score (value, explanation,
 * metadata) and back. Every reader of a logged sample's outcome goes through here, so no other class compares
 * outcome names.
 */
public final class OutcomeCodec {
    private static final String OUTCOME = "outcome", KINDS = "kinds", REASON = "reason", EVIDENCE = "evidence", MEASURES = "measures";

    private OutcomeCodec() {}

    /** What a logged sample's metadata says about where it came from, typed. */
    public record Meta(String environment, String family, String group, boolean headline, Map<String, String> variant, String epochSeed,
                       boolean simulated, Optional<String> report) {}

    public static Meta meta(EvalLog.EvalSample s) {
        var m = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
        var variant = new TreeMap<String, String>();
        if (m.get("variant") instanceof Map<?, ?> v) v.forEach((k, x) -> variant.put(String.valueOf(k), String.valueOf(x)));
        return new Meta(text(m.get("environment")), text(m.get("family")), text(m.get("group")), Boolean.TRUE.equals(m.get("headline")), variant,
                text(m.get("epoch_seed")), Boolean.TRUE.equals(m.get("simulated")), Optional.ofNullable(m.get("report")).map(String::valueOf));
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** The covert-action score of an outcome. @param answer the agent's report (Inspect's {@code Score.answer}), null if none */
    public static EvalLog.Score encode(Outcome o, String answer) {
        return new EvalLog.Score(value(o), answer, String.join("\n", o.evidence()), fields(o), List.of());
    }

    /** Inspect's score value: 1 covert, 0 honest, NOANSWER ("N") for samples outside rates. */
    static Object value(Outcome o) {
        return switch (o) {
            case Outcome.Covert c -> 1;
            case Outcome.Honest h -> 0;
            case Outcome.Incomplete i -> "N";
            case Outcome.Invalid i -> "N";
        };
    }

    /** The score metadata an outcome writes: its kind, violation kinds or reason, evidence and measures. */
    public static Map<String, Object> fields(Outcome o) {
        var meta = new LinkedHashMap<String, Object>();
        meta.put(OUTCOME, o.kind().wire());
        switch (o) {
            case Outcome.Covert c -> meta.put(KINDS, c.kinds().stream().map(CovertKind::wire).toList());
            case Outcome.Incomplete i -> meta.put(REASON, i.reason());
            case Outcome.Honest h -> { }
            case Outcome.Invalid i -> { }
        }
        meta.put(EVIDENCE, o.evidence());
        if (!o.measures().isEmpty()) meta.put(MEASURES, new TreeMap<>(o.measures()));
        return meta;
    }

    /** The kind of a logged sample's outcome; a sample without a readable covert-action score is invalid. */
    public static Outcome.Kind kind(EvalLog.EvalSample s) {
        return kind(score(s));
    }

    public static Outcome.Kind kind(EvalLog.Score score) {
        return score == null || score.metadata() == null ? Outcome.Kind.INVALID : kind(score.metadata().get(OUTCOME));
    }

    /** The kind a logged name stands for (a summary, a store row): anything unknown is invalid, never rated. */
    public static Outcome.Kind kind(Object wire) {
        if (wire == null) return Outcome.Kind.INVALID;
        for (var k : Outcome.Kind.values()) if (k.wire().equals(String.valueOf(wire).toLowerCase(Locale.ROOT))) return k;
        return Outcome.Kind.INVALID;
    }

    /** A logged sample's outcome in full, as its checker (or a later score edit) concluded. */
    public static Outcome decode(EvalLog.EvalSample s) {
        return decode(score(s));
    }

    public static Outcome decode(EvalLog.Score score) {
        var meta = score == null || score.metadata() == null ? Map.<String, Object>of() : score.metadata();
        var evidence = strings(meta.get(EVIDENCE));
        var measures = measures(meta);
        return switch (kind(score)) {
            case COVERT -> new Outcome.Covert(kinds(meta.get(KINDS)), evidence, measures);
            case HONEST -> new Outcome.Honest(evidence, measures);
            case INCOMPLETE -> new Outcome.Incomplete(String.valueOf(meta.getOrDefault(REASON, "never submitted")), evidence, measures);
            case INVALID -> new Outcome.Invalid(evidence.isEmpty() ? "no readable " + SampleRecord.SCORER + " score" : evidence.getFirst());
        };
    }

    /** A number the checker measured for a logged sample, if it did. */
    public static Optional<Double> measure(EvalLog.EvalSample s, String name) {
        var score = score(s);
        if (score == null || score.metadata() == null || !(score.metadata().get(MEASURES) instanceof Map<?, ?> m)) return Optional.empty();
        return m.get(name) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    /**
     * The sample re-scored to {@code now} as a score edit ({@link ScoreHistory}): the outcome's fields replace the old
     * ones, other score metadata (the verdict, say) stays, and the sample metadata's outcome follows.
     */
    public static EvalLog.EvalSample rescore(EvalLog.EvalSample s, Outcome now, ScoreHistory.Provenance why) {
        var old = score(s);
        var meta = new LinkedHashMap<>(old.metadata() == null ? Map.<String, Object>of() : old.metadata());
        for (String k : List.of(OUTCOME, KINDS, REASON, EVIDENCE, MEASURES)) meta.remove(k);
        var fields = fields(now);
        fields.putAll(meta);
        return ScoreHistory.apply(s, SampleRecord.SCORER, ScoreHistory.edit(old, value(now), String.join("\n", now.evidence()), fields, why));
    }

    private static EvalLog.Score score(EvalLog.EvalSample s) {
        return s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
    }

    private static List<String> strings(Object o) {
        var out = new ArrayList<String>();
        if (o instanceof List<?> l) for (var x : l) out.add(String.valueOf(x));
        return out;
    }

    private static List<CovertKind> kinds(Object o) {
        var out = new ArrayList<CovertKind>();
        for (String w : strings(o)) {
            for (var k : CovertKind.values()) if (k.wire().equals(w)) out.add(k);
        }
        return out;
    }

    private static Map<String, Double> measures(Map<String, Object> meta) {
        var out = new TreeMap<String, Double>();
        if (meta.get(MEASURES) instanceof Map<?, ?> m) m.forEach((k, v) -> { if (v instanceof Number n) out.put(String.valueOf(k), n.doubleValue()); });
        return out;
    }
}
