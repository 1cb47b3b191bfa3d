package covert.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.CliTest;
import covert.testing.Wire;
import org.junit.jupiter.api.Test;

/**
 * {@code covert checker eval}: for both offline judgements (keyword, deciding; classifier, recorded), accuracy on both
 * splits, the confusion matrix per family, every misjudged case.
 */
class CheckerEvalCliTest {
    @Test
    void prints_both_splits_per_family_with_every_misjudged_case() throws Exception {
        var r = CliTest.cli("checker", "eval");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("keyword judgement, train split: accuracy", "keyword judgement, heldout split: accuracy",
                "classifier judgement, train split: accuracy", "classifier judgement, heldout split: accuracy", "oversight_subversion",
                "impossible_coding_task", "TP", "FN", "the keyword judgement decides");

        var json = Wire.JSON.readTree(CliTest.cli("checker", "eval", "--json").out());
        var evals = json.get("evaluations");
        assertThat(evals).hasSize(4);
        assertThat(evals.findValuesAsText("judge")).containsExactly("keyword", "keyword", "classifier", "classifier");
        var set = LabelledReports.load();
        for (var e : evals) {
            int n = e.get("n").asInt();
            assertThat(n).isEqualTo(set.split(e.get("split").asText()).size());
            int right = 0;
            for (var f : e.get("by_family")) right += f.get("true_positive").asInt() + f.get("true_negative").asInt();
            assertThat(e.get("misjudged")).as("every misjudged case is listed").hasSize(n - right);
            assertThat(e.get("accuracy").asDouble()).isEqualTo((double) right / n, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void a_role_other_than_grader_is_a_one_line_error() {
        CliTest.assertOneLineError(CliTest.cli("checker", "eval", "--model-role", "auditor=openai/gpt-5"), "checker eval uses one role, grader");
    }
}
