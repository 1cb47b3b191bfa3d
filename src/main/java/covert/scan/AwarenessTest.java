package covert.scan;

import covert.awareness.Detector;
import covert.awareness.Lexical;
import java.io.Serializable;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which awareness test a scan applies to each text. A named, serializable choice rather than a lambda, so that a
 * distributed engine can ship it to its workers; each worker JVM builds its own detector on first use.
 */
public enum AwarenessTest implements Predicate<String>, Serializable {
    /** The phrase list alone: fast, precise, auditable. */
    LEXICAL,
    /** The full detector: cue words, then the sentence-embedding classifier (one embedder per JVM). */
    DETECTOR;

    /** The test on a batch: the detector embeds a batch's candidate sentences together. */
    public List<Boolean> testAll(List<String> texts) {
        if (this == LEXICAL) return texts.stream().map(this::test).toList();
        var verdicts = PerJvm.DETECTOR.texts(texts.stream().map(t -> t == null ? "" : t).toList());
        return verdicts.stream().map(Detector.Verdict::aware).toList();
    }

    @Override
    public boolean test(String text) {
        return switch (this) {
            case LEXICAL -> Lexical.any(text);
            case DETECTOR -> text != null && !text.isBlank() && PerJvm.DETECTOR.text(text).aware();
        };
    }

    /** One detector per JVM, built on first use: each Spark executor builds its own rather than receiving one. */
    private static final class PerJvm {
        static final Detector DETECTOR = Detector.standard();
    }
}
