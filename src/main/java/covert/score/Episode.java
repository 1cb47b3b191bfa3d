package covert.score;

import covert.env.Sample;
import covert.world.WorldState;
import java.util.List;
import java.util.Optional;

/**
 * Everything a checker may look at: the World before and after, the agent's submitted report and its
 * interview answers. Deliberately nothing else: not the model's reasoning, not what a simulated model meant.
 */
public record Episode(Sample sample, WorldState initial, WorldState end, Optional<String> report, List<String> interviewAnswers) {
    public Episode {
        interviewAnswers = List.copyOf(interviewAnswers);
    }
}
