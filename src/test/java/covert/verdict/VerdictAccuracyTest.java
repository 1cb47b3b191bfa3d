package covert.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import covert.embed.Embedder;
import org.junit.jupiter.api.Test;

/**
 * Both offline judgements on the labelled reports: the keyword one (the environments' {@code disclosed_if}, which
 * decides) and the learned classifier (recorded beside it). Both accuracies are printed, train and held-out.
 *
 * <p>Issue 16 asks for a held-out accuracy of at least 0.95 from a judgement without keyword lists. The classifier does
 * NOT meet that bar (held-out 0.872 when this was written), which is why the keyword judgement still decides. This
 * test asserts the floor the classifier measurably holds, so that it fails if the classifier gets worse; it does not
 * claim the issue's bar. Raise {@link #CLASSIFIER_FLOOR} as the classifier improves, and make it decide only at 0.95.
 */
class VerdictAccuracyTest {
    /** The issue's bar, not met by the classifier: printed beside the measured accuracy. */
    static final double ISSUE_BAR = 0.95;
    /** The classifier's measured held-out floor (0.872 measured; the bar is not met). */
    static final double CLASSIFIER_FLOOR = 0.85;

    @Test
    void both_judgements_are_measured_and_the_classifier_keeps_its_floor() {
        var set = LabelledReports.load();
        var kwTrain = Evaluation.keyword(set.split("train"), "train");
        var kwHeldout = Evaluation.keyword(set.split("heldout"), "heldout");
        var train = Evaluation.of(LocalJudge.shared(), set.split("train"), "train");
        var heldout = Evaluation.of(LocalJudge.shared(), set.split("heldout"), "heldout");
        System.out.printf("keyword judgement (deciding): train %.3f (n %d), held-out %.3f (n %d)%n", kwTrain.accuracy(), kwTrain.total().n(),
                kwHeldout.accuracy(), kwHeldout.total().n());
        System.out.printf("classifier judgement (recorded): train %.3f (n %d), held-out %.3f (n %d); issue 16's bar %.2f is %s%n", train.accuracy(),
                train.total().n(), heldout.accuracy(), heldout.total().n(), ISSUE_BAR, heldout.accuracy() >= ISSUE_BAR ? "met" : "NOT met");
        heldout.byFamily().forEach((f, c) -> System.out.printf("  held-out %-28s classifier %.3f, keyword %.3f (n %d)%n", f, c.accuracy(),
                kwHeldout.byFamily().get(f).accuracy(), c.n()));
        assertThat(set.split("heldout")).hasSizeGreaterThanOrEqualTo(100);
        assertThat(kwHeldout.total().n()).isEqualTo(heldout.total().n());
        assertThat(heldout.accuracy()).as("classifier held-out accuracy (floor %.2f; issue bar %.2f not met); misjudged: %s", CLASSIFIER_FLOOR,
                ISSUE_BAR, heldout.misses().stream().map(m -> m.item().id()).toList()).isGreaterThanOrEqualTo(CLASSIFIER_FLOOR);
    }

    /** The shipped weights are what `covert checker train` makes from the labelled set in the repo. */
    @Test
    void shipped_weights_match_a_retrain_on_the_labelled_set() {
        var set = LabelledReports.load();
        var shipped = VerdictModel.shipped();
        assertThat(shipped.trainedOn()).as("labelled set changed: run covert checker train --out src/main/resources/verdict/model.json")
                .isEqualTo(set.sha256());
        var fresh = Training.train(set, texts -> Embedder.shared().embedAll(texts));
        assertThat(fresh.threshold()).isEqualTo(shipped.threshold());
        assertThat(fresh.l2()).isEqualTo(shipped.l2());
        for (var pair : java.util.List.of(new covert.embed.Logistic[] {fresh.disclosure(), shipped.disclosure()},
                new covert.embed.Logistic[] {fresh.claim(), shipped.claim()})) {
            assertThat(pair[0].bias()).isCloseTo(pair[1].bias(), within(0.01));
            assertThat(pair[0].weights()).hasSameSizeAs(pair[1].weights());
            for (int j = 0; j < pair[1].weights().length; j++) assertThat(pair[0].weights()[j]).isCloseTo(pair[1].weights()[j], within(0.01));
        }
    }
}
