package covert.scan;

import covert.UserError;
import covert.stats.Interval;
import covert.stats.Rate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terminology across checkpoints: per checkpoint the frequency per 1,000 words of each term and the awareness
 * rate, and the words whose frequency changed most between the first and the last checkpoint. It works on the
 * aggregates a {@link ScanEngine} returns, whichever engine that is.
 */
public final class Scan {
    /** The study's unusual reasoning terms. */
    public static final List<String> DEFAULT_TERMS = List.of("autop", "watchers", "illusions", "marinade", "vantage", "disclaim", "overshadow");
    /** A word must occur this often at the first or last checkpoint to be ranked; rarer ones are noise. */
    public static final int MIN_COUNT = 5;

    /**
     * One checkpoint: terms per 1,000 words, the share of texts verbalizing evaluation awareness, and each term's
     * log2 frequency ratio to the baseline (empty without one; a phrase a word list cannot hold is left out).
     */
    public record Point(String checkpoint, long texts, long words, Map<String, Long> counts, Map<String, Double> perThousand, Rate aware,
                        Map<String, Double> vsBaseline) {}

    /**
     * A word's change from the first to the last checkpoint: frequencies per 1,000 words and the log2 ratio of
     * the two, each count smoothed by 0.5 so that words absent at one end get a finite ratio.
     */
    public record Change(String term, long firstCount, long lastCount, double first, double last, double difference, double log2Ratio) {}

    /** The scan's result; {@code baseline} names the reference of {@link Point#vsBaseline}, null without one. */
    public record Result(List<String> terms, WordForm form, String baseline, List<Point> points, List<Change> top) {}

    /** What to count: terms, how words match them, the change list's length, the awareness test and the reference. */
    public record Options(List<String> terms, WordForm form, int top, AwarenessTest aware, Reference reference) {
        public Options {
            terms = List.copyOf(terms);
        }
    }

    /** The baseline: none, the first checkpoint, or a word-frequency list. */
    public sealed interface Reference {
        record None() implements Reference {}

        record FirstCheckpoint() implements Reference {}

        record WordList(Baseline list) implements Reference {}
    }

    private Scan() {}

    public static Result run(ScanEngine engine, List<ScanEngine.Source> sources, Options o) {
        if (o.terms().isEmpty()) throw new UserError("no terms to count");
        var normalized = o.terms().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).distinct().toList();
        var tallies = new ArrayList<>(engine.tally(sources, normalized, o.form(), o.aware()));
        if (tallies.isEmpty()) throw new UserError("no texts to scan");
        tallies.sort(Comparator.comparing(ScanEngine.Tally::checkpoint, Scan::compareCheckpoints));
        var reference = switch (o.reference()) {
            case Reference.None n -> null;
            case Reference.FirstCheckpoint f -> Baseline.of(tallies.getFirst());
            case Reference.WordList w -> w.list();
        };
        boolean fromList = o.reference() instanceof Reference.WordList;
        var points = tallies.stream().map(t -> point(t, normalized, reference, o.form(), fromList)).toList();
        List<Change> changes = List.of();
        if (o.top() > 0 && points.size() > 1) {
            var first = tallies.getFirst();
            var last = tallies.getLast();
            changes = rank(engine.vocabulary(sources, first.checkpoint(), 1), first.words(), engine.vocabulary(sources, last.checkpoint(), 1),
                    last.words(), o.top());
        }
        return new Result(normalized, o.form(), reference == null ? null : reference.name(), points, changes);
    }

    static Point point(ScanEngine.Tally t, List<String> terms) {
        return point(t, terms, null, WordForm.EXACT, false);
    }

    private static Point point(ScanEngine.Tally t, List<String> terms, Baseline reference, WordForm form, boolean fromList) {
        var per = new LinkedHashMap<String, Double>();
        var vs = new LinkedHashMap<String, Double>();
        for (String term : terms) {
            long count = t.terms().getOrDefault(term, 0L);
            per.put(term, perThousand(count, t.words()));
            Long ref = reference == null ? null : reference.count(term, form, fromList);
            if (ref != null) vs.put(term, Baseline.log2Ratio(count, t.words(), ref, reference.words()));
        }
        return new Point(t.checkpoint(), t.texts(), t.words(), t.terms(), per, Interval.WILSON.of95((int) t.aware(), (int) t.texts()), vs);
    }

    /** The {@code top} words with the largest absolute log ratio between the two ends, ties broken by the larger absolute change. */
    static List<Change> rank(Map<String, Long> first, long firstWords, Map<String, Long> last, long lastWords, int top) {
        var words = new HashSet<>(first.keySet());
        words.addAll(last.keySet());
        var out = new ArrayList<Change>();
        for (String w : words) {
            long a = first.getOrDefault(w, 0L), b = last.getOrDefault(w, 0L);
            if (Math.max(a, b) < MIN_COUNT) continue;
            double fa = perThousand(a, firstWords), fb = perThousand(b, lastWords);
            double ratio = Math.log(((b + 0.5) / Math.max(1, lastWords)) / ((a + 0.5) / Math.max(1, firstWords))) / Math.log(2);
            out.add(new Change(w, a, b, fa, fb, fb - fa, ratio));
        }
        out.sort(Comparator.comparingDouble((Change c) -> -Math.abs(c.log2Ratio())).thenComparingDouble(c -> -Math.abs(c.difference()))
                .thenComparing(Change::term));
        return List.copyOf(out.subList(0, Math.min(top, out.size())));
    }

    static double perThousand(long count, long words) {
        return words == 0 ? 0 : 1000.0 * count / words;
    }

    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+(?:\\.\\d+)?)$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    /** Numbers in numeric order; labels such as {@code step-5} by their stem, then by their trailing number. */
    static int compareCheckpoints(String a, String b) {
        if (NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()) return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        Matcher ma = TRAILING_NUMBER.matcher(a), mb = TRAILING_NUMBER.matcher(b);
        if (ma.matches() && mb.matches()) {
            int stem = ma.group(1).compareTo(mb.group(1));
            return stem != 0 ? stem : Double.compare(Double.parseDouble(ma.group(2)), Double.parseDouble(mb.group(2)));
        }
        return a.compareTo(b);
    }
}
