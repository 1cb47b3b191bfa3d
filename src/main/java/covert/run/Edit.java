package covert.run;

import covert.UserError;
import covert.awareness.Detector;
import covert.model.Message.AssistantMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An edit of one assistant turn's reasoning, the treatment of a CoT intervention. The edited reasoning is cut
 * where the edit ends: that is the prefix the model continues from, so it writes the rest of the turn (and of the
 * episode) itself, as the study resampled after its edits. With {@code keepRest} the original reasoning after the
 * edit stays in the prefix, and the model continues after all of it.
 */
public sealed interface Edit {
    /** The task-phase turn this edit applies to when none is given: the first it can change; empty when none. */
    Optional<Integer> defaultTurn(List<AssistantMessage> turns);

    /** The edit applied to one reasoning, or empty when it does not apply. */
    Optional<Applied> applied(String reasoning);

    /** The prefix to continue from, or empty when the edit does not apply to this reasoning. */
    default Optional<String> apply(String reasoning) {
        return applied(reasoning).map(Applied::prefix);
    }

    /** One line for reports and logs. */
    String describe();

    /** Whether the original reasoning after the edit is kept in the prefix. */
    boolean keepRest();

    /**
     * One application. {@code prefix} is what the model continues from; {@code unedited} is the original reasoning cut at
     * the same place (what the no-edit control continues from); {@code cut} is that place in the original; {@code at}
     * where the change happened in it; {@code changed} the text removed or inserted, whose length sizes the
     * random-sentence control; {@code touched} the ranges of the original the edit removed or replaced.
     */
    record Applied(String prefix, String unedited, int cut, int at, String changed, boolean removal, List<int[]> touched, String rest) {}

    /** Deletes every sentence holding a span that {@code detector} finds aware. */
    record RemoveAwareness(Detector detector, boolean keepRest) implements Edit {
        public RemoveAwareness() {
            this(Detector.standard(), false);
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> detector.text(a.reasoning()).aware());
        }

        @Override
        public Optional<Applied> applied(String reasoning) {
            var spans = detector.text(reasoning).spans();
            if (spans.isEmpty()) return Optional.empty();
            var kept = new StringBuilder();
            var removed = new StringBuilder();
            var touched = new ArrayList<int[]>();
            int end = 0, cut = 0;
            for (int[] s : sentences(reasoning)) {
                boolean aware = spans.stream().anyMatch(sp -> sp.start() < s[1] && sp.end() > s[0]);
                if (aware) {
                    end = kept.length();
                    cut = s[1];
                    removed.append(reasoning, s[0], s[1]);
                    touched.add(s);
                } else {
                    kept.append(reasoning, s[0], s[1]);
                }
            }
            String rest = keepRest ? kept.substring(end) : "";
            return Optional.of(new Applied((kept.substring(0, end) + rest).strip(), (reasoning.substring(0, cut) + rest).strip(), cut, touched.get(0)[0],
                    removed.toString().strip(), true, touched, rest));
        }

        @Override
        public String describe() {
            return "remove awareness sentences from the reasoning" + (keepRest ? " (keeping the rest)" : "");
        }
    }

    /** Inserts a sentence at a {@link Placement}: start, end, after sentence K, or before the first tool call. */
    record Inject(String text, Placement at, boolean keepRest) implements Edit {
        public Inject {
            if (text == null || text.isBlank()) throw new UserError("--inject needs a non-empty TEXT");
        }

        public Inject(String text, Placement at) {
            this(text, at, false);
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return at.defaultTurn(turns);
        }

        @Override
        public Optional<Applied> applied(String reasoning) {
            return at.offset(reasoning).map(i -> {
                String rest = keepRest ? reasoning.substring(i).strip() : "";
                String head = reasoning.substring(0, i);
                return new Applied(join(head, text, rest), join(head, "", rest), i, i, text.strip(), false, List.of(), rest);
            });
        }

        @Override
        public String describe() {
            return "inject \"" + text.strip() + "\" at " + at.wire() + " of the reasoning" + (keepRest ? " (keeping the rest)" : "");
        }
    }

    /** Replaces every match of a regular expression with literal text; the prefix ends right after the last replacement. */
    record ReplaceSpan(Pattern regex, String with, boolean keepRest) implements Edit {
        public static ReplaceSpan of(String regex, String with) {
            return of(regex, with, false);
        }

        public static ReplaceSpan of(String regex, String with, boolean keepRest) {
            if (with == null) throw new UserError("--replace-span needs --with TEXT (use --with '' to delete)");
            try {
                return new ReplaceSpan(Pattern.compile(regex), with, keepRest);
            } catch (PatternSyntaxException e) {
                throw new UserError("--replace-span: bad regular expression: " + e.getDescription());
            }
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> regex.matcher(a.reasoning()).find());
        }

        @Override
        public Optional<Applied> applied(String reasoning) {
            Matcher m = regex.matcher(reasoning);
            var sb = new StringBuilder();
            var removed = new StringBuilder();
            var touched = new ArrayList<int[]>();
            while (m.find()) {
                touched.add(new int[] {m.start(), m.end()});
                removed.append(m.group());
                m.appendReplacement(sb, Matcher.quoteReplacement(with));
            }
            if (touched.isEmpty()) return Optional.empty();
            int cut = touched.getLast()[1];
            String rest = keepRest ? reasoning.substring(cut) : "";
            return Optional.of(new Applied((sb + rest).strip(), (reasoning.substring(0, cut) + rest).strip(), cut, touched.getFirst()[0],
                    removed.toString(), true, touched, rest));
        }

        @Override
        public String describe() {
            return "replace /" + regex.pattern() + "/ with \"" + with + "\" in the reasoning" + (keepRest ? " (keeping the rest)" : "");
        }
    }

    /** Text, inserted text and rest joined with single spaces where both sides have words. */
    static String join(String head, String inserted, String rest) {
        var sb = new StringBuilder(head.strip());
        for (String part : new String[] {inserted.strip(), rest.strip()}) {
            if (part.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(part);
        }
        return sb.toString();
    }

    private static Optional<Integer> first(List<AssistantMessage> turns, Predicate<AssistantMessage> p) {
        for (int i = 0; i < turns.size(); i++) if (p.test(turns.get(i))) return Optional.of(i);
        return Optional.empty();
    }

    /** Sentence ranges [start, end) covering the text, each with its trailing whitespace. */
    static List<int[]> sentences(String text) {
        var out = new ArrayList<int[]>();
        var m = Pattern.compile("[.!?]+[\"')\\]]*(\\s+|$)|\\n\\s*").matcher(text);
        int start = 0;
        while (m.find()) {
            if (m.end() > start) out.add(new int[] {start, m.end()});
            start = m.end();
            if (m.end() == text.length()) break;
        }
        if (start < text.length()) out.add(new int[] {start, text.length()});
        return out;
    }
}
