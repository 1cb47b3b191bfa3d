package covert.score;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled patterns of environment specs, shared across samples: specs are fixed for a run, samples are many. */
final class Patterns {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Patterns() {}

    static Pattern of(String regex, int flags) {
        return CACHE.computeIfAbsent(flags + ":" + regex, k -> Pattern.compile(regex, flags));
    }
}
