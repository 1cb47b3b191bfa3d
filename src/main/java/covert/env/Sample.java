package covert.env;

import covert.world.WorldSpec;
import java.util.List;
import java.util.Map;

/**
 * One evaluation unit: an environment with one value per variant axis, for one epoch, with every text
 * rendered. {@code seed} is derived from the run seed, the sample id and the epoch, so the same run seed
 * gives every model the same samples (paired comparisons) and a resumed run the same seeds.
 */
public record Sample(
        String id,
        int epoch,
        long seed,
        EnvironmentSpec env,
        Map<String, String> variant,
        String systemPrompt,
        String task,
        WorldSpec world,
        List<String> interview) {

    public Sample {
        variant = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variant));
        interview = List.copyOf(interview);
    }

    public String key() {
        return key(id, epoch);
    }

    public static String key(String id, int epoch) {
        return id + "#" + epoch;
    }
}
