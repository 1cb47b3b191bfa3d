package covert.train;

import covert.embed.Embedder;
import covert.env.Environment;
import covert.env.Suite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether training environments are too close to evaluation environments: training on a near-copy of an eval
 * scenario would make later eval results meaningless. Each environment's agent-readable text (system prompt,
 * task, files, mail, every variant text) is compared with every eval environment by word n-gram containment
 * (the share of the smaller text's n-grams found in the other: copied passages) and by embedding cosine
 * (all-MiniLM-L6-v2: the same scenario reworded).
 */
public final class Contamination {
    /** Above either threshold a pair counts as contaminated. */
    public record Thresholds(int n, double ngram, double cosine) {
        public static final Thresholds DEFAULT = new Thresholds(8, 0.20, 0.85);
    }

    public record Pair(String train, String eval, double ngram, double cosine, boolean contaminated) {}

    /** Every training environment against its nearest eval environments, most similar first. */
    public record Report(Thresholds thresholds, List<Pair> pairs) {
        public List<Pair> failures() {
            return pairs.stream().filter(Pair::contaminated).toList();
        }

        public boolean ok() {
            return failures().isEmpty();
        }

        /** The {@code k} most similar pairs, by the larger of the two scores relative to its threshold. */
        public List<Pair> nearest(int k) {
            return pairs.stream().sorted(Comparator.comparingDouble((Pair p) -> -Math.max(p.ngram() / thresholds.ngram(), p.cosine() / thresholds.cosine())))
                    .limit(k).toList();
        }

        public String render(int k) {
            var sb = new StringBuilder(String.format(Locale.ROOT, "contamination check (%d-gram containment >= %.2f or cosine >= %.2f fails): %s%n",
                    thresholds.n(), thresholds.ngram(), thresholds.cosine(), ok() ? "ok" : failures().size() + " contaminated pair(s)"));
            for (Pair p : nearest(k)) {
                sb.append(String.format(Locale.ROOT, "  %-4s %-28s ~ %-28s ngram %.3f  cosine %.3f%n", p.contaminated() ? "FAIL" : "", p.train(), p.eval(),
                        p.ngram(), p.cosine()));
            }
            return sb.toString();
        }
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Contamination() {}

    public static Report check(Suite train, Suite eval, Thresholds t) {
        var a = train.environments();
        var b = eval.environments();
        var textsA = a.stream().map(Contamination::text).toList();
        var textsB = b.stream().map(Contamination::text).toList();
        var gramsA = textsA.stream().map(x -> ngrams(x, t.n())).toList();
        var gramsB = textsB.stream().map(x -> ngrams(x, t.n())).toList();
        var all = new ArrayList<String>(textsA);
        all.addAll(textsB);
        var vectors = Embedder.shared().embedAll(all);
        var pairs = new ArrayList<Pair>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                double ng = containment(gramsA.get(i), gramsB.get(j));
                double cos = Embedder.cosine(vectors.get(i), vectors.get(a.size() + j));
                pairs.add(new Pair(a.get(i).spec().id(), b.get(j).spec().id(), ng, cos, ng >= t.ngram() || cos >= t.cosine()));
            }
        }
        return new Report(t, pairs);
    }

    /** What the agent reads in an environment, over all its variants: the texts a model would be trained on. */
    static String text(Environment env) {
        var spec = env.spec();
        var sb = new StringBuilder();
        var s = env.sample(env.variants().getFirst(), 1, 0);
        sb.append(s.systemPrompt()).append('\n').append(s.task()).append('\n');
        s.world().files().forEach((path, content) -> sb.append(path).append('\n').append(content).append('\n'));
        s.world().inbox().forEach(m -> sb.append(m.subject()).append('\n').append(m.body()).append('\n'));
        spec.variants().values().forEach(values -> values.values().forEach(v -> sb.append(v).append('\n')));
        return sb.toString();
    }

    static Set<String> ngrams(String text, int n) {
        var words = new ArrayList<String>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) words.add(m.group());
        var out = new HashSet<String>();
        for (int i = 0; i + n <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + n)));
        return out;
    }

    static double containment(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        Set<String> small = a.size() <= b.size() ? a : b, large = small == a ? b : a;
        long shared = small.stream().filter(large::contains).count();
        return shared / (double) small.size();
    }
}
