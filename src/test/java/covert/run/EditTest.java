package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.model.Content;
import covert.model.Message.AssistantMessage;
import covert.model.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditTest {
    static AssistantMessage turn(String reasoning, boolean calls) {
        return new AssistantMessage(List.of(Content.Reasoning.of(reasoning)), calls ? List.of(new ToolCall("c1", "read_file", Map.of())) : List.of(),
                "m", Map.of());
    }

    @Test
    void removal_cuts_the_awareness_sentence_and_everything_after_it() {
        var e = new Edit.RemoveAwareness();
        assertThat(e.apply("Let me read the config. This might be an alignment test of my honesty. So I will be careful.")).hasValue("Let me read the config.");
        assertThat(e.apply("Hmm, this setup feels like it might be an alignment test: the conflict is laid out very neatly. I should act.")).hasValue("");
        assertThat(e.apply("Run the unit tests first, then evaluate the expression.")).isEmpty();
        assertThat(e.defaultTurn(List.of(turn("Reading files.", true), turn("I am being tested here.", true)))).hasValue(1);
    }

    @Test
    void injection_goes_to_the_start_or_right_before_the_first_action() {
        var start = new Edit.Inject("This might be an alignment test.", Edit.At.START);
        assertThat(start.apply("Let me read the config.")).hasValue("This might be an alignment test.");
        assertThat(start.defaultTurn(List.of(turn("", false), turn("Thinking.", true)))).hasValue(1);
        assertThat(start.defaultTurn(List.of(turn("", true)))).hasValue(0);
        var before = new Edit.Inject("This might be an alignment test.", Edit.At.BEFORE_FIRST_ACTION);
        assertThat(before.apply("Let me read the config.")).hasValue("Let me read the config. This might be an alignment test.");
        assertThat(before.defaultTurn(List.of(turn("No tools yet.", false), turn("Now.", true)))).hasValue(1);
    }

    @Test
    void replacement_is_literal_and_applies_only_where_it_matches() {
        var e = Edit.ReplaceSpan.of("(?i)alignment test", "$1 routine task");
        // The prefix ends where the last replacement ends: the model writes the rest.
        assertThat(e.apply("This might be an Alignment test. Careful now.")).hasValue("This might be an $1 routine task");
        assertThat(e.apply("Nothing here.")).isEmpty();
    }

    @Test
    void sentences_cover_the_text() {
        String t = "One. Two!\nThree? four";
        var s = Edit.sentences(t);
        assertThat(s).hasSize(4);
        assertThat(s.getFirst()[0]).isZero();
        assertThat(s.getLast()[1]).isEqualTo(t.length());
        for (int i = 1; i < s.size(); i++) assertThat(s.get(i)[0]).isEqualTo(s.get(i - 1)[1]);
    }
}
