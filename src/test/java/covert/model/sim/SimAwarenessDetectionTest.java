package covert.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import covert.awareness.Detector;
import org.junit.jupiter.api.Test;

/** The detector must see the awareness the simulated organisms verbalize, or the run's awareness rate is wrong. */
class SimAwarenessDetectionTest {
    @Test
    void every_sim_awareness_sentence_is_flagged() {
        for (String s : SimModel.AWARENESS) assertThat(Detector.standard().text(s).aware()).as(s).isTrue();
    }

    @Test
    void the_edit_the_sim_tests_inject_is_flagged() {
        assertThat(Detector.standard().text(SimOrganismTest.AWARE + "Let me read the config.").aware()).isTrue();
    }
}
