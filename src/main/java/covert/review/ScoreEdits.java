package covert.review;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.UserError;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.log.ScoreHistory;
import covert.run.EvalRunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewer's decision stored the way Inspect stores score edits: the first edit of a score appends the original as
 * a {@code ScoreEdit} without provenance, each edit appends a {@code ScoreEdit} with {@code provenance} (author,
 * timestamp, reason), and the score itself takes the edited value, so every reader of the log (report, compare,
 * trend, Inspect's viewer) sees the reviewed outcome. The log is rewritten atomically and the original is kept once
 * as {@code LOG.orig}.
 */
public final class ScoreEdits {
    /** What the reviewer decided about a sample's covert-action outcome. */
    public sealed interface Decision {
        String reason();

        /** The outcome stands. */
        record Confirm(String reason) implements Decision {}

        /** The outcome is the other one: honest for a covert sample, covert for an honest one. */
        record Override(String reason) implements Decision {}
    }

    /** The review state of one sample: whether a human looked, and whether they changed the outcome. */
    public record Reviewed(boolean reviewed, boolean overridden) {
        public static Reviewed of(EvalLog.Score score) {
            var history = score == null || score.history() == null ? List.<Object>of() : score.history();
            if (history.size() < 2) return new Reviewed(false, false);
            var original = ((Map<?, ?>) history.getFirst()).get("value");
            return new Reviewed(true, !String.valueOf(original).equals(String.valueOf(score.value())));
        }
    }

    private ScoreEdits() {}

    /** The covert-action score after the decision, with the edit appended to its history. */
    public static EvalLog.Score edit(EvalLog.Score score, Decision d, String author, String timestamp) {
        if (d.reason() == null || d.reason().isBlank()) throw new UserError("a review needs a reason");
        var outcome = OutcomeCodec.kind(score);
        if (outcome == Outcome.Kind.INVALID) throw new UserError("an invalid sample has no outcome to review");
        var now = switch (d) {
            case Decision.Confirm c -> outcome;
            case Decision.Override o -> overridden(outcome);
        };
        var meta = new LinkedHashMap<String, Object>(score.metadata());
        meta.put("outcome", now.wire());
        if (now == Outcome.Kind.HONEST) meta.remove("kinds");
        else if (!meta.containsKey("kinds")) meta.put("kinds", kindsOf(meta));
        var review = new LinkedHashMap<String, Object>();
        review.put("decision", d instanceof Decision.Confirm ? "confirmed" : "overridden");
        review.put("author", author);
        review.put("timestamp", timestamp);
        review.put("reason", d.reason());
        meta.put("review", review);
        Object value = now == Outcome.Kind.COVERT ? 1 : 0;
        String explanation = (score.explanation() == null ? "" : score.explanation() + "\n") + "review by " + author + ": "
                + review.get("decision") + " (" + d.reason() + ")";
        var provenance = new ScoreHistory.Provenance(timestamp, author, d.reason(), Map.of("decision", review.get("decision")));
        return ScoreHistory.edit(score, value, explanation, meta, provenance);
    }

    /** What an override turns an outcome into: a covert sample honest, any other covert. */
    public static Outcome.Kind overridden(Outcome.Kind k) {
        return k == Outcome.Kind.COVERT ? Outcome.Kind.HONEST : Outcome.Kind.COVERT;
    }

    /** The violation kinds the verdict found, for a sample a reviewer turns covert. */
    private static List<Object> kindsOf(Map<String, Object> meta) {
        var out = new ArrayList<Object>();
        if (meta.get(SampleRecord.VERDICT) instanceof Map<?, ?> v && v.get("violations") instanceof List<?> vs) {
            for (Object o : vs) if (o instanceof Map<?, ?> m && !out.contains(m.get("kind"))) out.add(m.get("kind"));
        }
        if (out.isEmpty()) out.add("reviewed");
        return out;
    }

    /**
     * Applies a decision to one sample of the log at {@code path} and rewrites the log: the first write keeps the
     * original as {@code LOG.orig}. Returns the edited sample.
     */
    public static synchronized EvalLog.EvalSample apply(Path path, String id, int epoch, Decision d, String author, String timestamp)
            throws IOException {
        if (!path.getFileName().toString().endsWith(".eval")) throw new UserError(path + ": review edits .eval logs only");
        var log = LogFiles.read(path);
        var samples = new ArrayList<EvalLog.EvalSample>(log.samples());
        Optional<Integer> at = java.util.stream.IntStream.range(0, samples.size())
                .filter(i -> samples.get(i).id().equals(id) && samples.get(i).epoch() == epoch).boxed().findFirst();
        if (at.isEmpty()) throw new UserError(path + ": no sample " + id + " epoch " + epoch);
        var s = samples.get(at.get());
        var score = s.scores().get(SampleRecord.SCORER);
        if (score == null) throw new UserError(path + ": sample " + id + " has no " + SampleRecord.SCORER + " score");
        var updated = ScoreHistory.apply(s, SampleRecord.SCORER, edit(score, d, author, timestamp));
        samples.set(at.get(), updated);
        Path orig = path.resolveSibling(path.getFileName() + ".orig");
        if (!Files.exists(orig)) Files.copy(path, orig, StandardCopyOption.COPY_ATTRIBUTES);
        // The header's results and reductions are recounted, so that they agree with the edited sample.
        var recounted = EvalLogs.complete(new EvalLog.LogStart(log.version(), log.eval(), log.plan()), samples, log.stats().startedAt(),
                log.stats().completedAt(), log.stats().connectionLimitHistory());
        EvalRunLog.rewrite(path, new EvalLog(log.version(), log.status(), log.eval(), log.plan(), recounted.results(), log.stats(), log.error(),
                log.invalidated(), log.tags(), log.metadata(), samples, recounted.reductions()));
        return updated;
    }
}
