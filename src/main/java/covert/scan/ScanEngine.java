package covert.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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

    /** Per checkpoint (in no particular order) the totals for these terms; a term with a space counts as a phrase. */
    List<Tally> tally(List<Source> sources, List<String> terms, Predicate<String> aware);

    /** How often each word occurs in the texts of one checkpoint, words under {@code minCount} left out. */
    Map<String, Long> vocabulary(List<Source> sources, String checkpoint, int minCount);

    @Override
    void close();
}
