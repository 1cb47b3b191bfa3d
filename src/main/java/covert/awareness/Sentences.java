package covert.awareness;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits reasoning into sentences, the unit the detector scores. A sentence ends at '.', '!' or '?' followed
 * by white space (so "3.5" and "e.g.x" stay whole), or at a line break; offsets index the original text.
 */
public final class Sentences {
    /** A sentence of the text: [start, end) with surrounding white space trimmed off. */
    public record Sentence(int start, int end, String text) {}

    private Sentences() {}

    public static List<Sentence> split(String text) {
        var out = new ArrayList<Sentence>();
        if (text == null) return out;
        int start = 0, n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || (c == '.' || c == '!' || c == '?') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)));
            if (end) {
                add(text, start, i + 1, out);
                start = i + 1;
            }
        }
        add(text, start, n, out);
        return out;
    }

    private static void add(String text, int start, int end, List<Sentence> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (end > start) out.add(new Sentence(start, end, text.substring(start, end)));
    }
}
