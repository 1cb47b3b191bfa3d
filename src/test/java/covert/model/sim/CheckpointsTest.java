package covert.model.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import covert.UserError;
import covert.model.ModelContext;
import covert.model.Models;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @Test
    void phases_follow_the_documented_curve_and_join_up() {
        Organism base = Organism.BUILT_IN.get("baseline");
        assertThat(OrganismAccess.expected("baseline@sft-0")).isEqualTo(base.expectedCovertRate());
        assertThat(OrganismAccess.organism("baseline@sft-4")).isEqualTo(OrganismAccess.organism("baseline@rl-0").at("sft-4",
                base.covertRate() * 0.16, 0.03, 0.80, 0));
        assertThat(OrganismAccess.organism("baseline@rl-4").covertRate()).isEqualTo(OrganismAccess.organism("baseline@rl-2").covertRate());
        assertThat(OrganismAccess.organism("baseline@capabilities-4").awarenessRate()).isEqualTo(0.206);
        assertThat(OrganismAccess.organism("baseline@step-10").awarenessRate()).isCloseTo(0.206, Offset.offset(1e-9));
        assertThat(OrganismAccess.organism("baseline@step-10").termRate()).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(Checkpoints.globalStep("rl-2")).isEqualTo(7);
        assertThat(Checkpoints.globalStep("step-12")).isEqualTo(12);
    }

    @Test
    void unknown_labels_are_one_line_errors() {
        for (String bad : List.of("sim/baseline@sft-5", "sim/baseline@epoch-1", "sim/baseline@step-101")) {
            assertThatThrownBy(() -> Models.create(bad, ModelContext.empty())).isInstanceOf(UserError.class)
                    .hasMessageContaining("unknown checkpoint").hasMessageNotContaining("\n");
        }
    }

    @Test
    void checkpoints_share_draws_so_a_lower_rate_acts_covertly_on_a_subset(@TempDir Path dir) {
        var early = covertSamples("sim/baseline@sft-0", dir.resolve("a"));
        var late = covertSamples("sim/baseline@sft-2", dir.resolve("b"));
        assertThat(late).isNotEmpty();
        assertThat(early).containsAll(late).hasSizeGreaterThan(late.size());
    }

    private static Set<String> covertSamples(String model, Path dir) {
        var result = Runs.run(Runs.config(model, Map.of("awareness_rate", "0"), 40, 3, 0, Runs.CORE), dir);
        var out = new HashSet<String>();
        for (var s : covert.log.LogFiles.read(result.log()).samples()) {
            if (s.scores().get("covert_action").value() instanceof Number n && n.doubleValue() > 0) out.add(s.id() + "#" + s.epoch());
        }
        var eval = covert.log.LogFiles.read(result.log()).eval();
        assertThat(eval.model()).isEqualTo(model);
        var label = model.substring(model.indexOf('@') + 1);
        assertThat(covert.model.Checkpoint.fromMetadata(eval.metadata()))
                .contains(new covert.model.Checkpoint(label, (long) Checkpoints.globalStep(label), "sft"));
        return out;
    }
}
