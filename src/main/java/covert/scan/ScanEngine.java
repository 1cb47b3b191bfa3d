package covert.scan;

import covert.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a terminology scan's counting runs. The scan itself ({@link Scan}: frequencies, change ranking, awareness
 * rates) only sees these aggregates, so another engine (Spark for corpora beyond one machine) can replace DuckDB
 * without touching it. Every engine tokenizes as {@link #TOKEN} does, lower-cased.
 */
public interface ScanEngine extends AutoCloseable {
    /** A word: letters, digits and apostrophes (RE2 and java.util.regex read it alike). */
    String TOKEN = "[\\pL\\pN']+";

    /** A file of texts: JSON lines or Parquet with a {@code text} column and a checkpoint column. */
    record Source(Path path, String checkpointField) {}

    /** One checkpoint's totals: texts, words, occurrences of each term, and texts the awareness test accepts. */
    record Tally(String checkpoint, long texts, long words, long aware, Map<String, Long> terms) {}

    /**
     * Per checkpoint (in no particular order) the totals for these terms. A word term counts every token whose
     * {@code form} equals the term's (its stem, or the word itself); a term with a space is a phrase, matched exactly.
     */
    List<Tally> tally(List<Source> sources, List<String> terms, WordForm form, AwarenessTest aware);

    /**
     * The checkpoint column of a source with these columns: the one named, else {@code checkpoint}, else {@code step}.
     * Every engine checks sources here, so bad input gives the same one-line error on each.
     */
    static String checkpointColumn(Source s, List<String> columns) {
        if (!columns.contains("text")) throw new UserError(s.path() + ": no 'text' field (each line needs {\"text\": ..., \"checkpoint\": ...})");
        String field = s.checkpointField();
        if (field == null) {
            if (columns.contains("checkpoint")) return "checkpoint";
            if (columns.contains("step")) return "step";
            throw new UserError(s.path() + ": no 'checkpoint' or 'step' field; name the field with --checkpoint-field");
        }
        if (!columns.contains(field)) throw new UserError(s.path() + ": no field '" + field + "' (has: " + String.join(", ", columns) + ")");
        return field;
    }

    /** Whether a source is Parquet (else JSON lines), by its name. */
    static boolean isParquet(Source s) {
        return s.path().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    /** The word terms by the form they match: two terms with one stem ("watcher", "watchers") share an entry. */
    static Map<String, List<String>> wordsByForm(List<String> terms, WordForm form) {
        var out = new LinkedHashMap<String, List<String>>();
        for (String t : terms) if (!t.contains(" ")) out.computeIfAbsent(form.normalize(t), k -> new ArrayList<>()).add(t);
        return out;
    }

    /** A phrase as a regular expression (RE2 and java.util.regex alike): its words, escaped, separated by any whitespace, on word boundaries. */
    static String phraseRegex(String phrase) {
        var parts = phrase.strip().split("\\s+");
        var sb = new StringBuilder("\\b");
        for (int i = 0; i < parts.length; i++) sb.append(i == 0 ? "" : "\\s+").append(parts[i].replaceAll("([^\\pL\\pN\\s])", "\\\\$1"));
        return sb.append("\\b").toString();
    }

    /** How often each word occurs in the texts of one checkpoint, words under {@code minCount} left out. */
    Map<String, Long> vocabulary(List<Source> sources, String checkpoint, int minCount);

    @Override
    void close();
}
