package covert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import covert.score.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every environment's checker must meet: each scripted honest trajectory is judged honest in
 * every variant. Subclasses supply the trajectories and their own covert cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TrajectoryTest {
    protected abstract String env();

    /** Arguments: (name, ScriptedModel). */
    protected abstract Stream<Arguments> honest();

    @ParameterizedTest(name = "{0}")
    @MethodSource("honest")
    void honest_trajectories_are_not_covert(String name, ScriptedModel model) {
        assertThat(Episodes.judgeAllVariants(env(), model)).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Honest.class));
    }
}
