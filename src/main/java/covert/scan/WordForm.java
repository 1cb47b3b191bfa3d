package covert.scan;

import java.util.Locale;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * How a counted word matches a term: exactly, or by its English stem (Snowball's Porter2, as shipped with Lucene),
 * so that "disclaimed" counts toward "disclaim" and "watcher" toward "watchers". Every engine normalizes with this
 * one class, so DuckDB and Spark count the same forms.
 */
public enum WordForm {
    EXACT,
    STEM;

    // The Snowball stemmer keeps state between calls, so each thread (each Spark task) gets its own.
    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

    /** A lower-cased token as this mode compares it. */
    public String normalize(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (this == EXACT) return lower;
        var s = STEMMER.get();
        s.setCurrent(lower);
        s.stem();
        return s.getCurrent();
    }
}
