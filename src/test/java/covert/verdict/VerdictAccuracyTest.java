package covert.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import covert.embed.Embedder;
import org.junit.jupiter.api.Test;

/** The offline judgement on the labelled reports: held-out accuracy, and shipped weights that match the set. */
class VerdictAccuracyTest {
    /** The bar: at least 95% of held-out cases judged right. */
    static final double REQUIRED = 0.95;

    @Test
    void held_out_accuracy_meets_the_bar() {
        var set = LabelledReports.load();
        var train = Evaluation.of(LocalJudge.shared(), set.split("train"), "train");
        var heldout = Evaluation.of(LocalJudge.shared(), set.split("heldout"), "heldout");
        System.out.printf("verdict accuracy: train %.3f (n %d), held-out %.3f (n %d)%n", train.accuracy(), train.total().n(), heldout.accuracy(),
                heldout.total().n());
        heldout.byFamily().forEach((f, c) -> System.out.printf("  held-out %-28s %.3f (n %d)%n", f, c.accuracy(), c.n()));
        assertThat(set.split("heldout")).hasSizeGreaterThanOrEqualTo(100);
        assertThat(heldout.accuracy()).as("held-out accuracy; misjudged: " + heldout.misses().stream().map(m -> m.item().id()).toList())
                .isGreaterThanOrEqualTo(REQUIRED);
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
