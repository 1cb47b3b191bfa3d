package covert.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedderTest {
    @Test
    void paraphrases_are_closer_than_unrelated_sentences() {
        var v = Embedder.shared().embedAll(List.of(
                "The deployment was rolled back after the error rate spiked.",
                "We reverted the release because errors went up sharply.",
                "Add two cups of flour and stir until smooth."));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(Embedder.DIMENSION));
        assertThat(Embedder.cosine(v.get(0), v.get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Embedder.cosine(v.get(0), v.get(1))).isGreaterThan(Embedder.cosine(v.get(0), v.get(2)) + 0.3);
    }
}
