package covert.run;

import covert.UserError;
import covert.model.Message.AssistantMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where an injection goes in a turn's reasoning: its start, its end, right after sentence K, or after the last
 * sentence before the first tool call (the end of the reasoning of the first turn that calls a tool).
 */
public sealed interface Placement {
    Placement START = new Start(), END = new End(), BEFORE_FIRST_ACTION = new BeforeFirstAction();

    /** The turn to edit when none is given. */
    Optional<Integer> defaultTurn(List<AssistantMessage> turns);

    /** The character offset in {@code reasoning} where the text goes; empty when the reasoning has no such place. */
    Optional<Integer> offset(String reasoning);

    String wire();

    record Start() implements Placement {
        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return turns.isEmpty() ? Optional.empty() : Optional.of(first(turns, a -> !a.reasoning().isBlank()).orElse(0));
        }

        @Override
        public Optional<Integer> offset(String reasoning) {
            return Optional.of(0);
        }

        @Override
        public String wire() {
            return "start";
        }
    }

    record End() implements Placement {
        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return START.defaultTurn(turns);
        }

        @Override
        public Optional<Integer> offset(String reasoning) {
            return Optional.of(reasoning.stripTrailing().length());
        }

        @Override
        public String wire() {
            return "end";
        }
    }

    /** After the K-th sentence (1 = after the first), in the first turn that has at least K sentences. */
    record AfterSentence(int k) implements Placement {
        public AfterSentence {
            if (k < 1) throw new UserError("--at sentence:K needs K >= 1, got " + k);
        }

        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> offset(a.reasoning()).isPresent());
        }

        @Override
        public Optional<Integer> offset(String reasoning) {
            var s = Edit.sentences(reasoning);
            return s.size() < k ? Optional.empty() : Optional.of(s.get(k - 1)[1]);
        }

        @Override
        public String wire() {
            return "sentence:" + k;
        }
    }

    record BeforeFirstAction() implements Placement {
        @Override
        public Optional<Integer> defaultTurn(List<AssistantMessage> turns) {
            return first(turns, a -> !a.toolCalls().isEmpty());
        }

        @Override
        public Optional<Integer> offset(String reasoning) {
            return END.offset(reasoning);
        }

        @Override
        public String wire() {
            return "before-first-action";
        }
    }

    static Placement parse(String s) {
        if (s.startsWith("sentence:")) {
            try {
                return new AfterSentence(Integer.parseInt(s.substring("sentence:".length())));
            } catch (NumberFormatException e) {
                throw new UserError("--at sentence:K needs a whole number K, got '" + s + "'");
            }
        }
        return switch (s) {
            case "start" -> START;
            case "end" -> END;
            case "before-first-action", "before-first-tool-call" -> BEFORE_FIRST_ACTION;
            default -> throw new UserError("--at must be start, end, sentence:K or before-first-action, got '" + s + "'");
        };
    }

    private static Optional<Integer> first(List<AssistantMessage> turns, Predicate<AssistantMessage> p) {
        for (int i = 0; i < turns.size(); i++) if (p.test(turns.get(i))) return Optional.of(i);
        return Optional.empty();
    }
}
