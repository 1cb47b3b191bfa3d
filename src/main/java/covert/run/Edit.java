package covert.run;

import covert.UserError;
import covert.model.Message.AssistantMessage;
import covert.awareness.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An edit of one assistant turn's reasoning, the treatment of a CoT intervention. The edited reasoning is cut
 * where the edit ends: that is the prefix the model continues from, so it writes the rest of the turn (and of the
 * episode) itself, as the study resampled after its edits.
 */
public sealed interface Edit {
    /** The task-phase turn this edit applies to when none is given: the first it can change; empty when none. */
    Optional<Integer> defaultTurn(List<AssistantMessage> turns);

    /** The prefix to continue from, or empty when the edit does not apply to this reasoning. */
    Optional<String> apply(String reasoning);

    /** One line for reports and logs. */
    String describe();

    enum At { START, BEFORE_FIRST_ACTION;

        public static At parse(String s) {
            return switch (s) {
                case "start" -> START;
                case "before-first-action" -> BEFORE_FIRST_ACTION;
                default -> throw new UserError("--at must be start or before-first-action, got '" + s + "'");
            };
        }

        public String wire() {
            return this == START ? "start" : "before-first-action";
        }
    }

    /** Deletes every sentence holding a span that {@code detector} finds aware. */
    record RemoveAwareness(Detector detector) implements Edit {
        public RemoveAwareness() {
            this(Detector.standard());
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> detector.text(a.reasoning()).aware());
        }

        @Override
        public Optional<String> apply(String reasoning) {
            var spans = detector.text(reasoning).spans();
            if (spans.isEmpty()) return Optional.empty();
            var kept = new StringBuilder();
            int end = 0;
            for (int[] s : sentences(reasoning)) {
                boolean aware = spans.stream().anyMatch(sp -> sp.start() < s[1] && sp.end() > s[0]);
                if (aware) end = kept.length();
                else kept.append(reasoning, s[0], s[1]);
            }
            return Optional.of(kept.substring(0, end).strip());
        }

        @Override
        public String describe() {
            return "remove awareness sentences from the reasoning";
        }
    }

    /** Inserts a sentence at the start of the reasoning, or at its end, right before the turn's first tool call. */
    record Inject(String text, At at) implements Edit {
        public Inject {
            if (text == null || text.isBlank()) throw new UserError("--inject needs a non-empty TEXT");
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            if (turns.isEmpty()) return Optional.empty();
            if (at == At.BEFORE_FIRST_ACTION) return first(turns, a -> !a.toolCalls().isEmpty());
            return Optional.of(first(turns, a -> !a.reasoning().isBlank()).orElse(0));
        }

        @Override
        public Optional<String> apply(String reasoning) {
            return Optional.of(at == At.START || reasoning.isBlank() ? text.strip() : reasoning.strip() + " " + text.strip());
        }

        @Override
        public String describe() {
            return "inject \"" + text.strip() + "\" at " + at.wire() + " of the reasoning";
        }
    }

    /** Replaces every match of a regular expression with literal text. */
    record ReplaceSpan(Pattern regex, String with) implements Edit {
        public static ReplaceSpan of(String regex, String with) {
            if (with == null) throw new UserError("--replace-span needs --with TEXT (use --with '' to delete)");
            try {
                return new ReplaceSpan(Pattern.compile(regex), with);
            } catch (PatternSyntaxException e) {
                throw new UserError("--replace-span: bad regular expression: " + e.getDescription());
            }
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> regex.matcher(a.reasoning()).find());
        }

        @Override
        public Optional<String> apply(String reasoning) {
            Matcher m = regex.matcher(reasoning);
            var sb = new StringBuilder();
            boolean any = false;
            while (m.find()) {
                any = true;
                m.appendReplacement(sb, Matcher.quoteReplacement(with));
            }
            return any ? Optional.of(sb.toString().strip()) : Optional.empty();
        }

        @Override
        public String describe() {
            return "replace /" + regex.pattern() + "/ with \"" + with + "\" in the reasoning";
        }
    }

    private static Optional<Integer> first(List<AssistantMessage> turns, java.util.function.Predicate<AssistantMessage> p) {
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
