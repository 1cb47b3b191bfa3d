package covert.awareness;

import covert.embed.Embedder;
import covert.model.Message;
import covert.score.Awareness;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluation-awareness detection: text is split into sentences, the lexical cue pass ({@link Awareness#cue})
 * picks candidates, and only candidates are embedded and scored by the {@link Classifier}. Scores are cached
 * by sentence text, because agents (and the simulated organisms above all) repeat sentences; so a run embeds
 * each distinct candidate once and loads the embedding model only when a candidate first appears.
 */
public final class Detector {
    /** An aware sentence: index of the message in the conversation (-1 for plain text), [start, end) in its reasoning. */
    public record Span(int message, int start, int end, String text, double score) {}

    /** Per sample or text: whether any sentence is aware, the highest sentence score (0 with no candidate), the aware sentences. */
    public record Verdict(boolean aware, double score, List<Span> spans) {}

    /** Bounds the cache on long corpora of distinct sentences; runs stay far below it. */
    private static final int CACHE_LIMIT = 200_000;

    private static volatile Detector shared;

    private final Classifier classifier;
    private final Function<List<String>, List<float[]>> embed;
    private final Map<String, Double> cache;
    private final Judge judge;

    public Detector(Classifier classifier, Function<List<String>, List<float[]>> embed) {
        this(classifier, embed, new ConcurrentHashMap<>(), null);
    }

    private Detector(Classifier classifier, Function<List<String>, List<float[]>> embed, Map<String, Double> cache, Judge judge) {
        this.classifier = classifier;
        this.embed = embed;
        this.cache = cache;
        this.judge = judge;
    }

    /** This detector with stage 3: {@code judge} decides the sentences whose classifier score is in its band. */
    public Detector withJudge(Judge judge) {
        return new Detector(classifier, embed, cache, judge);
    }

    /** The shipped classifier on the shared MiniLM embedder, which loads on the first uncached candidate. */
    public static Detector shared() {
        Detector d = shared;
        if (d == null) {
            synchronized (Detector.class) {
                if (shared == null) shared = new Detector(Classifier.shipped(), texts -> Embedder.shared().embedAll(texts));
                d = shared;
            }
        }
        return d;
    }

    public Classifier classifier() {
        return classifier;
    }

    /** Awareness in the assistant messages' reasoning, with spans indexed by message. */
    public Verdict sample(List<Message> messages) {
        var texts = new ArrayList<String>();
        var index = new ArrayList<Integer>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof Message.AssistantMessage a && !a.reasoning().isEmpty()) {
                texts.add(a.reasoning());
                index.add(i);
            }
        }
        var verdicts = texts(texts);
        var spans = new ArrayList<Span>();
        double max = 0;
        for (int t = 0; t < verdicts.size(); t++) {
            max = Math.max(max, verdicts.get(t).score());
            for (Span s : verdicts.get(t).spans()) spans.add(new Span(index.get(t), s.start(), s.end(), s.text(), s.score()));
        }
        return new Verdict(!spans.isEmpty(), max, List.copyOf(spans));
    }

    public Verdict text(String text) {
        return texts(List.of(text)).getFirst();
    }

    /** Many texts at once, so their uncached candidates share embedding batches. */
    public List<Verdict> texts(List<String> texts) {
        var split = texts.stream().map(Sentences::split).toList();
        var candidates = new LinkedHashSet<String>();
        for (var sentences : split) for (var s : sentences) if (!cache.containsKey(s.text()) && Awareness.cue(s.text())) candidates.add(s.text());
        var fresh = scoreUncached(List.copyOf(candidates));
        var out = new ArrayList<Verdict>(texts.size());
        for (int i = 0; i < split.size(); i++) {
            var spans = new ArrayList<Span>();
            double max = 0;
            for (var s : split.get(i)) {
                Double cached = cache.get(s.text());
                double score = cached != null ? cached : fresh.getOrDefault(s.text(), 0.0);
                max = Math.max(max, score);
                boolean aware = judge != null && Judge.inBand(score)
                        ? judge.aware(s.text(), texts.get(i)).orElse(classifier.aware(score))
                        : classifier.aware(score);
                if (aware) spans.add(new Span(-1, s.start(), s.end(), s.text(), score));
            }
            out.add(new Verdict(!spans.isEmpty(), max, List.copyOf(spans)));
        }
        return out;
    }

    /** Scores of the given candidates, also put in the cache (another thread may clear it meanwhile). */
    private Map<String, Double> scoreUncached(List<String> candidates) {
        if (candidates.isEmpty()) return Map.of();
        if (cache.size() + candidates.size() > CACHE_LIMIT) cache.clear();
        var vectors = embed.apply(candidates);
        var out = new java.util.HashMap<String, Double>();
        for (int i = 0; i < candidates.size(); i++) out.put(candidates.get(i), classifier.score(vectors.get(i)));
        cache.putAll(out);
        return out;
    }
}
